import type { Clock } from "../../shared/ports/clock.js";
import type { Store } from "../../shared/ports/store.js";

/**
 * The local clock: real time plus an offset kept in the table, so `NOW` replays a past season from a
 * fresh data directory and `POST /admin/clock` moves it forward; both survive a restart.
 */
export class LocalClock implements Clock {
  private constructor(
    private readonly store: Store,
    private offsetMs: number,
  ) {}

  static async open(store: Store, startAt?: string): Promise<LocalClock> {
    let offset = await store.getSetting<number>("clock_offset_ms");
    if (offset === undefined) {
      offset = startAt ? parseInstant(startAt, "NOW") - Date.now() : 0;
      await store.putSetting("clock_offset_ms", offset);
    }
    return new LocalClock(store, offset);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward to `instant`; the clock never runs backwards. */
  async moveTo(instant: string): Promise<Date> {
    const target = parseInstant(instant, "now");
    if (target < this.now().getTime()) throw new RangeError("the clock only moves forward");
    this.offsetMs = target - Date.now();
    await this.store.putSetting("clock_offset_ms", this.offsetMs);
    return this.now();
  }
}

function parseInstant(text: string, name: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not an ISO 8601 instant: ${text}`);
  return ms;
}
