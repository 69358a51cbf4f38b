import {
  type CalendarResult,
  countDue,
  type DueCount,
  type IsoDate,
  OfficialCalendar,
  workingDaysBetween,
} from "../calendar/index.js";

export type ClockState = "normal" | "warning" | "overdue";

/**
 * The decision limit runs in working days from acceptance (《行政许可法》第四十二条); an application the
 * bureau does not answer within the acceptance period counts as accepted on arrival (第三十二条).
 */
export function decisionDueDate(
  acceptedOn: IsoDate,
  limitWorkingDays: number,
  calendar: OfficialCalendar = OfficialCalendar.packaged,
): CalendarResult {
  return countDue(decisionLimitCount(acceptedOn, limitWorkingDays), calendar);
}

/** How the decision limit is counted: its working days after acceptance. */
export const decisionLimitCount = (acceptedOn: IsoDate, limitWorkingDays: number): DueCount => ({
  workingDaysAfter: acceptedOn,
  days: limitWorkingDays,
});

/** How a queue shows the clock: normal above the warning threshold, warning down to 0, overdue below. */
export function decisionClock(
  dueDate: IsoDate,
  today: IsoDate,
  warningWorkingDays: number,
): { state: ClockState; workingDaysLeft: number } {
  const workingDaysLeft = workingDaysBetween(today, dueDate);
  const state =
    workingDaysLeft < 0 ? "overdue" : workingDaysLeft <= warningWorkingDays ? "warning" : "normal";
  return { state, workingDaysLeft };
}
