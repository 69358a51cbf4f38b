import type { OfficialCalendar } from "../domain/calendar/index.js";
import type { Deps } from "./support/deps.js";
import { officialCalendar } from "./support/official-calendar.js";

/** A year's calendar as the system applies it: a loaded notice, else the packaged one, else none. */
export function calendarView(calendar: OfficialCalendar, year: number) {
  const notice = calendar.notice(year);
  return {
    year,
    published: notice !== undefined,
    holidays: notice?.holidays ?? [],
    workdays: notice?.workdays ?? [],
  };
}

/** Anyone signed in reads the calendar a year's deadlines are counted on. */
export async function viewOfficialCalendar(deps: Deps, year: number) {
  return { status: 200 as const, body: calendarView(await officialCalendar(deps.store), year) };
}
