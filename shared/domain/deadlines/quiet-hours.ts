import { addDays, shanghaiDate, shanghaiTime } from "../calendar/index.js";

/** A daily window in Asia/Shanghai wall-clock time; `start` after `end` spans midnight (21:00–08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

// Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function msOfDay(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${JSON.stringify(hhmm)}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

/**
 * The earliest instant at or after `instant` when an SMS may go out: the instant itself outside the
 * quiet window, else the window's end in Asia/Shanghai. An empty window (start = end) never holds a message.
 */
export function smsSendableAt(instant: Date, quiet: QuietHours): Date {
  const start = msOfDay(quiet.start);
  const end = msOfDay(quiet.end);
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  const local = (((ms + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const today = shanghaiDate(instant);
  if (start < end) return local >= start && local < end ? shanghaiTime(today, quiet.end) : instant;
  if (start > end) {
    if (local >= start) return shanghaiTime(addDays(today, 1), quiet.end);
    if (local < end) return shanghaiTime(today, quiet.end);
  }
  return instant;
}
