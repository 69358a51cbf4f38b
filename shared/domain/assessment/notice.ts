import { addWorkingDays, type CalendarResult, compareDates, type IsoDate } from "../calendar/index.js";

/**
 * 公示期: `workingDays` working days from the day the notice is published, that day not counted
 * (《民法典》第二百零一条, a period in days starts on the next day); holidays and 调休 as the official calendar has them.
 */
export function publicNoticeEnds(publishedOn: IsoDate, workingDays: number): CalendarResult {
  return addWorkingDays(publishedOn, workingDays);
}

/** Objections (异议) are taken through the last day of the notice and refused after it. */
export function noticeOpenForObjections(endsOn: IsoDate, today: IsoDate): boolean {
  return compareDates(today, endsOn) <= 0;
}
