/** Every reading of "now" goes through a Clock, so the local runtime can replay a past season. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
