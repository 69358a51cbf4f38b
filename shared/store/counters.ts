import type { OrganizationRecord } from "../domain/organizations/records.js";
import {
  alertCounters,
  type Counters,
  counterDelta,
  organizationCounters,
} from "../domain/organizations/statistics-counters.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import { parentDivisions } from "../settings/index.js";
import { counterKey, counterShard, type Key } from "./keys.js";

/** One counter item's increments. */
export interface CounterWrite {
  key: Key;
  add: Counters;
}

/** The divisions whose figures a record counts in: its own, and the city and province above it. */
export const divisionsOf = (jurisdiction: string) => [jurisdiction, ...parentDivisions(jurisdiction)];

/**
 * Grade and list counts are keyed by day and change rarely, so each sits in one item per division; the
 * counts every report and status change touches spread over shards, so concurrent writes seldom meet.
 */
function partOf(counterName: string, uscc: string): string {
  if (counterName.startsWith("grade:")) return "grade";
  if (counterName.startsWith("list:")) return "list";
  return `base#${counterShard(uscc)}`;
}

function collect(
  into: Map<string, CounterWrite>,
  jurisdiction: string,
  shardBy: string,
  counts: Counters,
  sign: 1 | -1,
) {
  for (const division of divisionsOf(jurisdiction)) {
    for (const [name, n] of Object.entries(counts)) {
      const key = counterKey(division, partOf(name, shardBy));
      const id = `${key.pk}|${key.sk}`;
      const write = into.get(id) ?? { key, add: {} };
      write.add[name] = (write.add[name] ?? 0) + sign * n;
      into.set(id, write);
    }
  }
}

/** What a change of records adds to the counters of their divisions; records before the change may be absent. */
export class CounterChanges {
  private readonly writes = new Map<string, CounterWrite>();

  organization(before: OrganizationRecord | undefined, after: OrganizationRecord): void {
    if (before && before.jurisdiction !== after.jurisdiction) {
      collect(this.writes, before.jurisdiction, before.uscc, organizationCounters(before), -1);
      collect(this.writes, after.jurisdiction, after.uscc, organizationCounters(after), 1);
      return;
    }
    const delta = counterDelta(before ? organizationCounters(before) : {}, organizationCounters(after));
    collect(this.writes, after.jurisdiction, after.uscc, delta, 1);
  }

  alert(before: AlertRecord | undefined, after: AlertRecord): void {
    if (before) collect(this.writes, before.jurisdiction, before.alertId, alertCounters(before), -1);
    collect(this.writes, after.jurisdiction, after.alertId, alertCounters(after), 1);
  }

  /** Each counter item once, with only the counts that move. */
  list(): CounterWrite[] {
    return [...this.writes.values()]
      .map((w) => ({ key: w.key, add: Object.fromEntries(Object.entries(w.add).filter(([, n]) => n !== 0)) }))
      .filter((w) => Object.keys(w.add).length > 0);
  }
}

/**
 * How many writes a counter item has taken: a rebuild counts the register between two readings of it
 * and writes its figures only if no write came in between. It is not a count of the statistics.
 */
export const TALLY = "writes";

/** An UpdateItem's expression that adds every count of a write, and one to the item's tally. */
export function addExpression(write: CounterWrite) {
  const names: Record<string, string> = { "#type": "type", "#tally": TALLY };
  const values: Record<string, unknown> = { ":type": "counters", ":one": 1 };
  const parts = Object.entries(write.add).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    UpdateExpression: `ADD ${[...parts, "#tally :one"].join(", ")} SET #type = :type`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * An UpdateItem's expression that sets a counter item to a rebuild's figures, conditional on the tally
 * read before the register was: `figures` zero every count the item held and the rebuild found none of.
 */
export function rebuildExpression(figures: Counters, tally: number | undefined) {
  const names: Record<string, string> = { "#type": "type", "#tally": TALLY };
  const values: Record<string, unknown> = { ":type": "counters", ":one": 1 };
  const parts = Object.entries(figures).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} = :c${i}`;
  });
  if (tally !== undefined) values[":tally"] = tally;
  return {
    UpdateExpression: `SET ${[...parts, "#type = :type"].join(", ")} ADD #tally :one`,
    // An item without a tally (none yet, or one from before tallies) must still have none.
    ConditionExpression: tally === undefined ? "attribute_not_exists(#tally)" : "#tally = :tally",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
