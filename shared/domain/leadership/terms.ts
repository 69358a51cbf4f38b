import { addDays, addYears, compareDates, type IsoDate, isValidIsoDate } from "../calendar/index.js";
import { maskResidentId } from "../identifiers/index.js";

/** 届期: an organization's current term of office, both days inclusive. */
export interface Term {
  start: IsoDate;
  end: IsoDate;
}

/** Whether a leader is a serving or retired official (领导干部), who needs approval to hold the post. */
export type OfficialStatus = "none" | "serving" | "retired";

export interface Leader {
  name: string;
  post: string;
  birthDate: IsoDate;
  idNumber?: string;
  official: OfficialStatus;
  /** The approval reference for an official holding the post (领导干部兼职审批). */
  approvalRef?: string;
}

/** The last day of a term of `years` starting on `start`, as the charter sets it (章程规定的届期). */
export function termEnd(start: IsoDate, years: number): IsoDate {
  if (!isValidIsoDate(start)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${start}`);
  if (!Number.isInteger(years) || years < 1)
    throw new RangeError(`Not a whole number of years ≥ 1: ${years}`);
  return addDays(addYears(start, years), -1);
}

/** 换届: an approved election starts a new term on the day it was held. */
export function newTerm(electedOn: IsoDate, years: number): Term {
  return { start: electedOn, end: termEnd(electedOn, years) };
}

export type TermStanding = "current" | "overdue";

/** 超期未换届: past the last day of its term with no election, an organization's term is overdue. */
export function termStanding(term: Term, today: IsoDate): TermStanding {
  return compareDates(today, term.end) > 0 ? "overdue" : "current";
}

/** The term_end deadline: the election is due by the term's last day; the day after, it is missed. */
export function termEndDueDate(term: Term): IsoDate {
  return term.end;
}

export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export interface LeaderProblem {
  field: string;
  code: "official_without_approval" | "over_age_limit";
  message: string;
}

/** Risks in a leadership (DOMAIN.md section 8): an official without an approval reference, a leader over the age limit. */
export function leaderProblems(leaders: readonly Leader[], on: IsoDate, ageLimit: number): LeaderProblem[] {
  return leaders.flatMap((leader, i): LeaderProblem[] => {
    const problems: LeaderProblem[] = [];
    if (leader.official !== "none" && !leader.approvalRef?.trim()) {
      problems.push({
        field: `leaders.${i}.approvalRef`,
        code: "official_without_approval",
        message: `${leader.name} is a ${leader.official} official and holds the post without an approval reference`,
      });
    }
    const age = ageOn(leader.birthDate, on);
    if (age > ageLimit) {
      problems.push({
        field: `leaders.${i}.birthDate`,
        code: "over_age_limit",
        message: `${leader.name} is ${age}, above the age limit of ${ageLimit}`,
      });
    }
    return problems;
  });
}

/** A leader as anyone but the bureau sees it: the ID number masked. */
export function maskedLeader(leader: Leader): Leader {
  return leader.idNumber ? { ...leader, idNumber: maskResidentId(leader.idNumber) } : leader;
}
