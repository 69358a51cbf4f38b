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
  isCalendarPublished,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  statutoryPeriodEnd,
  subtractWorkingDays,
  workingDaysBetween,
} from "./working-days.js";
