import type { DeadlineRecord } from "../cases/records.js";
import { defaultLadders, dueFirings } from "./ladder.js";
import { expiryInstant } from "./lifecycle.js";

export { expiryInstant };

/** Deadlines the sweep still acts on; met and waived ones have nothing left to fire. */
export const ACTIVE_DEADLINE: readonly DeadlineRecord["status"][] = ["open", "extended", "missed"];

/**
 * When the sweep should look at a deadline next: its next ladder rung, or its expiry (when an open
 * deadline becomes missed, and what it guards happens) if that is sooner. An expiry already past (a
 * deadline created late, or one the sweep has not reached) is due at once.
 */
export function nextFiring(d: DeadlineRecord, now: Date): string | undefined {
  if (!ACTIVE_DEADLINE.includes(d.status)) return undefined;
  const { next } = dueFirings(d.dueDate, defaultLadders[d.kind], d.fired ?? [], now);
  const candidates: number[] = [];
  if (next) candidates.push(next.at.getTime());
  if (d.status !== "missed") candidates.push(expiryInstant(d).getTime());
  return candidates.length > 0 ? new Date(Math.min(...candidates)).toISOString() : undefined;
}

/** A deadline with its next firing instant set from its ladder (or none when nothing is left to fire). */
export function scheduled(d: DeadlineRecord, now: Date): DeadlineRecord {
  const { nextFireAt: _, ...rest } = d;
  const next = nextFiring(rest, now);
  return next ? { ...rest, nextFireAt: next } : rest;
}
