import type { JurisdictionSettings, MajorEventRule, MajorEventType } from "../../settings/index.js";
import {
  addDays,
  addWorkingDays,
  type CalendarResult,
  compareDates,
  type IsoDate,
  isValidIsoDate,
  nextWorkingDayOnOrAfter,
  statutoryPeriodEnd,
  subtractWorkingDays,
} from "../calendar/index.js";

export type { MajorEventRule, MajorEventType } from "../../settings/index.js";

export type MajorEventSettings = JurisdictionSettings["majorEvents"];

export type ReportTiming = "on_time" | "late";

const later = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) <= 0 ? a : b);
const both = (a: CalendarResult, b: CalendarResult, date: IsoDate): CalendarResult => ({
  date,
  calendarPublished: a.calendarPublished && b.calendarPublished,
});

function assertDate(field: string, date: IsoDate): void {
  if (!isValidIsoDate(date)) throw new RangeError(`${field}: not a calendar date (YYYY-MM-DD): ${date}`);
}

/**
 * 报告期限: the last day on which a report of the event is on time. Periods count from the day after the
 * event (《民法典》第二百零一条) or, before it, back from the day before; a last day that falls on a holiday
 * moves on to the next working day (第二百零三条), though a report due before the event stays before it.
 * Hours (突发事件 within 24 hours) run from the event itself and no holiday moves them.
 */
export function reportDeadline(rule: MajorEventRule, eventDate: IsoDate): CalendarResult {
  assertDate("eventDate", eventDate);
  const sign = rule.when === "before" ? -1 : 1;
  switch (rule.unit) {
    case "hours":
      return { date: addDays(eventDate, sign * Math.ceil(rule.period / 24)), calendarPublished: true };
    case "working_days":
      return rule.when === "before"
        ? subtractWorkingDays(eventDate, rule.period)
        : addWorkingDays(eventDate, rule.period);
    case "calendar_days": {
      const moved = statutoryPeriodEnd(addDays(eventDate, sign * rule.period));
      if (rule.when === "after") return moved;
      return {
        date: earlier(moved.date, addDays(eventDate, -1)),
        calendarPublished: moved.calendarPublished,
      };
    }
  }
}

/** A report after its deadline is accepted and marked late (逾期报告). */
export function reportTiming(rule: MajorEventRule, eventDate: IsoDate, reportedOn: IsoDate): ReportTiming {
  assertDate("reportedOn", reportedOn);
  return compareDates(reportedOn, reportDeadline(rule, eventDate).date) <= 0 ? "on_time" : "late";
}

/**
 * When the bureau answers (event_response): for an event reported in advance, the configured working days
 * before the event; otherwise within the response (or follow-up) period from the report. Never before the
 * day of the report, so a report that comes too late for an answer before the event is answered at once.
 */
export function responseDueDate(
  rule: MajorEventRule,
  settings: MajorEventSettings,
  eventDate: IsoDate,
  reportedOn: IsoDate,
): CalendarResult | undefined {
  if (rule.handling === "file_only") return undefined;
  if (rule.when === "before") {
    const due = subtractWorkingDays(eventDate, settings.responseWorkingDaysBeforeEvent);
    if (compareDates(due.date, reportedOn) >= 0) return due;
    const today = nextWorkingDayOnOrAfter(reportedOn);
    return both(due, today, today.date);
  }
  const days = rule.handling === "follow_up" ? settings.followUpWorkingDays : settings.responseWorkingDays;
  return addWorkingDays(reportedOn, days);
}

/**
 * 事后总结: an event reported in advance is followed by the organization's summary, due the configured
 * days after the event (or after the report, if that came later), moved past a holiday (第二百零三条).
 */
export function summaryDueDate(
  rule: MajorEventRule,
  settings: MajorEventSettings,
  eventDate: IsoDate,
  reportedOn: IsoDate,
): CalendarResult | undefined {
  if (rule.when !== "before") return undefined;
  return statutoryPeriodEnd(addDays(later(eventDate, reportedOn), settings.summaryDays));
}

export interface MajorEventReportAssessment {
  eventType: MajorEventType;
  rule: MajorEventRule;
  timing: ReportTiming;
  reportBy: IsoDate;
  response?: CalendarResult;
  summary?: CalendarResult;
  /** False when a working-day count reached a year without an official calendar. */
  calendarPublished: boolean;
}

/** Everything a report of a major event sets in motion, from the jurisdiction's catalogue. */
export function assessMajorEventReport(
  eventType: MajorEventType,
  settings: MajorEventSettings,
  eventDate: IsoDate,
  reportedOn: IsoDate,
): MajorEventReportAssessment {
  const rule = settings.catalogue[eventType];
  const deadline = reportDeadline(rule, eventDate);
  const response = responseDueDate(rule, settings, eventDate, reportedOn);
  const summary = summaryDueDate(rule, settings, eventDate, reportedOn);
  return {
    eventType,
    rule,
    timing: reportTiming(rule, eventDate, reportedOn),
    reportBy: deadline.date,
    ...(response ? { response } : {}),
    ...(summary ? { summary } : {}),
    calendarPublished:
      deadline.calendarPublished &&
      (response?.calendarPublished ?? true) &&
      (summary?.calendarPublished ?? true),
  };
}
