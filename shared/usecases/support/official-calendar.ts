import {
  type CalendarNoticeRecord,
  countDue,
  type DueCount,
  OfficialCalendar,
} from "../../domain/calendar/index.js";
import type { DeadlineRecord } from "../../domain/cases/records.js";
import type { Store } from "../../ports/store.js";

/** The official calendar as it applies now: the packaged notices, and over them those admins loaded. */
export function calendarOf(notices: readonly CalendarNoticeRecord[]): OfficialCalendar {
  return OfficialCalendar.packaged.withNotices(Object.fromEntries(notices.map((n) => [n.year, n])));
}

/** Read once per action, so a notice loaded a moment ago counts in every runtime at once. */
export async function officialCalendar(store: Store): Promise<OfficialCalendar> {
  return calendarOf(await store.listCalendarNotices());
}

/** A deadline's due date counted on the calendar, keeping the count so a provisional date can be counted again. */
export function countedDue(
  count: DueCount,
  calendar: OfficialCalendar,
): Pick<DeadlineRecord, "dueDate" | "calendarPublished" | "dueCount"> {
  const due = countDue(count, calendar);
  return { dueDate: due.date, calendarPublished: due.calendarPublished, dueCount: count };
}
