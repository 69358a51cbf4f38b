import { ConflictError } from "./store.js";

export interface RetryOptions {
  /** Attempts in all (3 by default). */
  times?: number;
  /** The error the last conflict surfaces as, when the tries run out. */
  exhausted?: (last: ConflictError) => Error;
  /** Whether a conflict is worth another try; one that is not surfaces at once, as it is. */
  retryIf?: (conflict: ConflictError) => boolean;
  /** A pause before the next try, so racing writers spread out. */
  backoffMs?: (tried: number) => number;
}

/**
 * Runs `attempt` (read, decide, write conditionally) again while its writes lose to a concurrent change,
 * at most `times` in all. The last conflict then surfaces, as `exhausted` makes it or as it is: a
 * conflict is retried or reported, never swallowed.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const times = options.times ?? 3;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (options.retryIf && !options.retryIf(error)) throw error;
      if (tried >= times) throw options.exhausted ? options.exhausted(error) : error;
      const pause = options.backoffMs?.(tried) ?? 0;
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
  }
}
