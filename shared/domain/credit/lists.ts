import {
  addMonths,
  addWorkingDays,
  addYears,
  type CalendarResult,
  compareDates,
  type IsoDate,
  isValidIsoDate,
} from "../calendar/index.js";
import type { CreditListEntry } from "../organizations/records.js";

/** Grounds for the list of abnormal activity (活动异常名录). */
export type AbnormalGround =
  | "annual_report_not_submitted"
  | "rectification_not_completed"
  | "unreachable_at_domicile"
  | "warning_or_small_fine";

/** Grounds for the serious list (严重违法失信名单). */
export type SeriousGround =
  | "abnormal_list_two_years"
  | "change_registration_revoked_for_fraud"
  | "ordered_to_stop_activities"
  | "large_fine"
  | "repeated_penalties"
  | "court_defaulter"
  | "registration_revoked";

const REGULATION = "《社会组织信用信息管理办法》（民政部令第60号）";
const ABNORMAL = `${REGULATION}，列入活动异常名录：`;
const SERIOUS = `${REGULATION}，列入严重违法失信名单：`;

/** The legal ground as published with an entry: the regulation and the case it names. */
export const LEGAL_GROUNDS: Readonly<Record<AbnormalGround | SeriousGround, string>> = {
  annual_report_not_submitted: `${ABNORMAL}未按照规定时限和要求向登记管理机关报送年度工作报告`,
  rectification_not_completed: `${ABNORMAL}登记管理机关在抽查和其他监督检查中发现问题，发放整改文书要求限期整改，社会组织未按期完成整改`,
  unreachable_at_domicile: `${ABNORMAL}通过登记的住所无法与社会组织取得联系`,
  warning_or_small_fine: `${ABNORMAL}受到警告或者不满5万元罚款处罚`,
  abnormal_list_two_years: `${SERIOUS}被列入活动异常名录满2年`,
  change_registration_revoked_for_fraud: `${SERIOUS}弄虚作假办理变更登记，被撤销变更登记`,
  ordered_to_stop_activities: `${SERIOUS}受到限期停止活动行政处罚`,
  large_fine: `${SERIOUS}受到5万元以上罚款处罚`,
  repeated_penalties: `${SERIOUS}三年内两次以上受到警告或者不满5万元罚款处罚`,
  court_defaulter: `${SERIOUS}被司法机关纳入“失信被执行人”名单`,
  registration_revoked: `${SERIOUS}被登记管理机关作出吊销登记证书、撤销成（设）立登记决定`,
};

/** Working days within which the bureau takes an organization off the abnormal list once the remedy is verified. */
export const ABNORMAL_EXIT_WORKING_DAYS = 5;
/** Months after entry at which an entry with nothing to remedy (a penalty) leaves the abnormal list. */
export const ABNORMAL_EXIT_MONTHS = 6;
/** Years on the abnormal list after which the organization moves to the serious list. */
export const ABNORMAL_TO_SERIOUS_YEARS = 2;
/** Years on the serious list, with no new ground, after which the organization may apply to leave it. */
export const SERIOUS_EXIT_YEARS = 2;

// A penalty is served, not remedied: its entry runs out by time alone.
const NOTHING_TO_REMEDY: ReadonlySet<string> = new Set<AbnormalGround>(["warning_or_small_fine"]);

function assertDate(date: IsoDate): void {
  if (!isValidIsoDate(date))
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function entry(
  list: CreditListEntry["list"],
  ground: string,
  since: IsoDate,
  decidedBy: string,
): CreditListEntry {
  assertDate(since);
  return { list, ground, since, decidedBy };
}

/** 活动异常名录 entry. */
export function abnormalListEntry(
  ground: AbnormalGround,
  since: IsoDate,
  decidedBy: string,
): CreditListEntry {
  return entry("abnormal", ground, since, decidedBy);
}

/** 严重违法失信名单 entry. */
export function seriousListEntry(ground: SeriousGround, since: IsoDate, decidedBy: string): CreditListEntry {
  return entry("serious", ground, since, decidedBy);
}

/** Listed on `asOf`: entered on or before it and not yet exited; `until` is the day the entry left the list. */
function isCurrent(e: CreditListEntry, asOf: IsoDate): boolean {
  return compareDates(e.since, asOf) <= 0 && (e.until === undefined || compareDates(asOf, e.until) < 0);
}

/** Current (not exited) entries on a date. */
export function currentEntries(entries: CreditListEntry[], asOf: IsoDate): CreditListEntry[] {
  return entries.filter((e) => isCurrent(e, asOf));
}

/**
 * The date the holder of an abnormal-list entry moves to the serious list (严重违法失信名单): two years after the
 * FIRST entry of the continuous listing it is still on (verify: a new ground restarts the exit clock, not this
 * one), or undefined when no abnormal-list entry is open. An entry made on or before the day the previous one
 * was exited continues the listing.
 */
export function seriousListDueOn(entries: CreditListEntry[]): IsoDate | undefined {
  const abnormal = entries
    .filter((e) => e.list === "abnormal")
    .sort((a, b) => compareDates(a.since, b.since));
  let runStart: IsoDate | undefined;
  // undefined while some entry of the run is still open.
  let runEnd: IsoDate | undefined;
  for (const e of abnormal) {
    const continues = runStart !== undefined && (runEnd === undefined || compareDates(e.since, runEnd) <= 0);
    if (!continues) {
      runStart = e.since;
      runEnd = e.until;
    } else if (runEnd !== undefined) {
      runEnd = e.until === undefined || compareDates(e.until, runEnd) > 0 ? e.until : runEnd;
    }
  }
  if (runStart === undefined || runEnd !== undefined) return undefined;
  return addYears(runStart, ABNORMAL_TO_SERIOUS_YEARS);
}

/**
 * Exit from the abnormal list: within 5 working days of verifying the remedy (done what was missing), or
 * 6 months after entry where nothing is to be done (a warning or a small fine); returns the exit date.
 * Throws when the ground needs a remedy and none has been verified: there is no exit date yet.
 */
export function abnormalListExitDate(entry: CreditListEntry, remedyVerifiedOn?: IsoDate): CalendarResult {
  if (entry.list !== "abnormal") throw new RangeError(`Not an abnormal-list entry: ${entry.list}`);
  if (remedyVerifiedOn !== undefined) return addWorkingDays(remedyVerifiedOn, ABNORMAL_EXIT_WORKING_DAYS);
  if (NOTHING_TO_REMEDY.has(entry.ground)) {
    // Calendar months: no working-day calendar is consulted, so none can be missing.
    return { date: addMonths(entry.since, ABNORMAL_EXIT_MONTHS), calendarPublished: true };
  }
  throw new RangeError(
    `An entry on the ground ${entry.ground} leaves the list only once its remedy is verified`,
  );
}

/**
 * Exit from the serious list: 2 years after entry with no new ground, on application (those moved from the
 * abnormal list must also have done what was missing; a revoked organization leaves when deregistered).
 */
export function seriousListExitEligibleOn(entry: CreditListEntry): IsoDate {
  if (entry.list !== "serious") throw new RangeError(`Not a serious-list entry: ${entry.list}`);
  return addYears(entry.since, SERIOUS_EXIT_YEARS);
}

const DECIDED_OUTCOMES: ReadonlySet<string> = new Set(["pass", "basic_pass", "fail"]);

/**
 * 连续两年未参加年检: two consecutive report years, up to and including `asOfYear` (the latest finished year to
 * consider), that the organization had to report on and whose inspection is missing: a ground for the regulator
 * to consider revocation, never automatic. A year with a decided outcome (pass, basic pass, fail) is never
 * missing. Without `overdueYears`, a year with no inspection at all is missing and a "pending" one is not; with
 * it, exactly the undecided years it lists are missing (a "pending" past its due date counts, a year not yet
 * due does not). `years` lists every missing year, ascending.
 */
export function revocationConsiderationDue(
  inspections: { year: number; outcome: string }[],
  mustReportYears: number[],
  asOfYear: number,
  overdueYears?: readonly number[],
): { due: boolean; years: number[] } {
  const recorded = new Set(inspections.map((i) => i.year));
  const decided = new Set(inspections.filter((i) => DECIDED_OUTCOMES.has(i.outcome)).map((i) => i.year));
  const missing = (year: number) =>
    !decided.has(year) && (overdueYears ? overdueYears.includes(year) : !recorded.has(year));
  const years = [...new Set(mustReportYears)]
    .filter((year) => year <= asOfYear && missing(year))
    .sort((a, b) => a - b);
  const due = years.some((year, i) => i > 0 && years[i - 1] === year - 1);
  return { due, years };
}

/**
 * Whether a listing enters today: only a registered organization is listed; the same ground on the same
 * day is one listing (a new ground while listed is a new entry, restarting the exit clock); the move for
 * two years on the abnormal list needs the organization to be on it still.
 */
export function listingEnters(
  org: { status: string; creditLists: CreditListEntry[] },
  list: CreditListEntry["list"],
  ground: string,
  today: IsoDate,
): boolean {
  if (org.status !== "registered") return false;
  if (org.creditLists.some((e) => e.list === list && e.ground === ground && e.since === today)) return false;
  const stillAbnormal = currentEntries(org.creditLists, today).some((e) => e.list === "abnormal");
  return !(list === "serious" && ground === "abnormal_list_two_years" && !stillAbnormal);
}

/** An abnormal listing with none current starts the two-year clock towards the serious list. */
export const startsAbnormalSpell = (
  creditLists: CreditListEntry[],
  list: CreditListEntry["list"],
  today: IsoDate,
): boolean => list === "abnormal" && !currentEntries(creditLists, today).some((e) => e.list === "abnormal");

/**
 * A listing a missed time limit caused (未按规定时限), once the limit is extended or restarted past the
 * miss: the time limit it names has not run out after all, so its ground no longer stands and the entry
 * ends on the day of the extension, in public like any other exit. This is not an exit on application
 * (nothing was remedied) and does not wait the 5 working days; a miss of the new date lists again, as a
 * new entry. Returns the entries with that one ended, or undefined when no such entry is current.
 */
export function endListingOfUndoneMiss(
  entries: CreditListEntry[],
  listing: { list: CreditListEntry["list"]; ground: string; since: IsoDate },
  today: IsoDate,
): CreditListEntry[] | undefined {
  const i = entries.findIndex(
    (e) => e.list === listing.list && e.ground === listing.ground && e.since === listing.since && !e.until,
  );
  if (i < 0) return undefined;
  return entries.map((e, j) => (j === i ? { ...e, until: today } : e));
}
