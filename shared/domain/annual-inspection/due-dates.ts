import {
  addYears,
  type CalendarResult,
  compareDates,
  type IsoDate,
  isValidIsoDate,
  statutoryPeriodEnd,
} from "../calendar/index.js";
import type { OrgType } from "../registration/index.js";

export interface AnnualReportDueDates {
  supervisoryUnit?: CalendarResult;
  registrationAuthority: CalendarResult;
}

// A leap reference year makes every "MM-DD" a date; addYears then turns 29 February into 28 February in a common year.
const LEAP_REFERENCE_YEAR = 2000;

function dayInYear(monthDay: string, year: number): IsoDate {
  const reference = `${LEAP_REFERENCE_YEAR}-${monthDay}`;
  if (!isValidIsoDate(reference))
    throw new RangeError(`Not a day of the year (MM-DD): ${JSON.stringify(monthDay)}`);
  return addYears(reference, year - LEAP_REFERENCE_YEAR);
}

/**
 * The report on `year` is due in year+1: to the supervisory unit (when the organization has one, not for
 * foundations) by supervisoryUnitDue, to the registration authority by the type's date; each moved to the next
 * working day when it falls on a holiday (《民法典》第二百零三条).
 */
export function annualReportDueDates(
  orgType: OrgType,
  year: number,
  settings: { supervisoryUnitDue: string; registrationAuthorityDue: Record<OrgType, string> },
  hasSupervisoryUnit: boolean,
): AnnualReportDueDates {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  const registrationAuthority = statutoryPeriodEnd(
    dayInYear(settings.registrationAuthorityDue[orgType], year + 1),
  );
  if (!hasSupervisoryUnit || orgType === "foundation") return { registrationAuthority };
  return {
    supervisoryUnit: statutoryPeriodEnd(dayInYear(settings.supervisoryUnitDue, year + 1)),
    registrationAuthority,
  };
}

/** Every organization registered before the year ends (registeredOn <= year-12-31) and still registered reports on that year. */
export function mustReport(org: { status: string; registeredOn: IsoDate }, year: number): boolean {
  return org.status === "registered" && compareDates(org.registeredOn, `${year}-12-31`) <= 0;
}
