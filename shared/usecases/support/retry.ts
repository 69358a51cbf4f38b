import { ConflictError } from "../../ports/store.js";

/**
 * Runs `attempt` (read, decide, write conditionally) again while its writes lose to a concurrent change,
 * at most `times` in all. The last conflict then surfaces, as `exhausted` makes it or as it is: a
 * conflict is retried or reported, never swallowed.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  options: { times?: number; exhausted?: (last: ConflictError) => Error } = {},
): Promise<T> {
  const times = options.times ?? 3;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (tried >= times) throw options.exhausted ? options.exhausted(error) : error;
    }
  }
}
