import type { Deps } from "./support/deps.js";

/**
 * 统计: a table's statistics counters counted again from the register (organizations and alerts), as a
 * table from before the counters needs once; running it again finds the same figures. With `ifMissing`
 * it counts only when the table has organizations and no counters.
 */
export async function rebuildStatisticsCounters(
  deps: Pick<Deps, "store" | "log">,
  options: { ifMissing?: boolean } = {},
) {
  if (options.ifMissing && !(await deps.store.countersMissing())) return undefined;
  const report = await deps.store.rebuildCounters();
  deps.log.info("statistics counters counted from the register", report);
  return report;
}
