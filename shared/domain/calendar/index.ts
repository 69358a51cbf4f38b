export {
  type CalendarNoticeRecord,
  type HolidayNotice,
  holidayNoticeProblems,
  type NoticeProblem,
  OfficialCalendar,
} from "./official-calendar.js";
export {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  type IsoDate,
  isValidIsoDate,
  shanghaiDate,
  shanghaiTime,
  startOfShanghaiDay,
} from "./shanghai-date.js";
export {
  addWorkingDays,
  type CalendarResult,
  countDue,
  type DueCount,
  isCalendarPublished,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  statutoryPeriodEnd,
  subtractWorkingDays,
  workingDaysBetween,
} from "./working-days.js";
