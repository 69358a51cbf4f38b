import { compareDates, type IsoDate } from "../calendar/index.js";
import type { AlertRecord } from "../risk/alerts.js";
import type { CreditListEntry, OrganizationRecord } from "./records.js";
import { expiringGrades, type JurisdictionStatistics, ORG_TYPES, THREE_A_AND_ABOVE } from "./statistics.js";

/**
 * Counters a division keeps so its statistics never read the register. Each record adds a fixed set of
 * counts; what depends on the day (a grade still valid, a listing still current) is counted by the date it
 * starts or ends, so one set of counters answers for any day.
 */
export type Counters = Record<string, number>;

const bump = (acc: Counters, key: string, n = 1) => {
  acc[key] = (acc[key] ?? 0) + n;
};

/** The periods an organization stands on a list: its entries' periods merged where they touch or overlap. */
function listedPeriods(entries: CreditListEntry[], list: CreditListEntry["list"]) {
  const sorted = entries.filter((e) => e.list === list).sort((a, b) => compareDates(a.since, b.since));
  const periods: { since: IsoDate; until?: IsoDate }[] = [];
  for (const e of sorted) {
    const last = periods.at(-1);
    if (last && (last.until === undefined || compareDates(e.since, last.until) <= 0)) {
      if (last.until !== undefined && (e.until === undefined || compareDates(e.until, last.until) > 0)) {
        if (e.until === undefined) delete last.until;
        else last.until = e.until;
      }
      continue;
    }
    periods.push(e.until === undefined ? { since: e.since } : { since: e.since, until: e.until });
  }
  // A period that ends before it starts is never current.
  return periods.filter((p) => p.until === undefined || compareDates(p.since, p.until) < 0);
}

/** What one organization adds to its divisions' counters. */
export function organizationCounters(org: OrganizationRecord): Counters {
  const out: Counters = {};
  bump(out, `type:${org.orgType}`);
  bump(out, `status:${org.status}`);
  if (org.status !== "registered") return out;
  bump(out, `registeredType:${org.orgType}`);
  const registeredYear = Number(org.registeredOn.slice(0, 4));
  bump(out, `registeredIn:${registeredYear}`);
  // The first result of a year is the one that counts, as in the statistics themselves.
  const years = new Set<number>();
  for (const i of org.annualInspections) {
    if (years.has(i.year)) continue;
    years.add(i.year);
    if (i.year >= registeredYear) bump(out, `inspection:${i.year}:${i.outcome}`);
  }
  if (org.grade) bump(out, `grade:${org.grade.level}:${org.grade.validUntil}:${org.orgType}`);
  for (const list of ["abnormal", "serious"] as const) {
    for (const p of listedPeriods(org.creditLists, list)) {
      bump(out, `list:${list}:in:${p.since}`);
      if (p.until !== undefined) bump(out, `list:${list}:out:${p.until}`);
    }
  }
  return out;
}

/** What one alert adds: by rule and status. */
export const alertCounters = (alert: AlertRecord): Counters => ({
  [`alert:${alert.rule}:${alert.status}`]: 1,
});

/** after − before, without the keys that did not change. */
export function counterDelta(before: Counters, after: Counters): Counters {
  const out: Counters = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

export function addCounters(into: Counters, more: Counters): Counters {
  for (const [k, n] of Object.entries(more)) bump(into, k, n);
  return into;
}

const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

/** The figures of `jurisdictionStatistics`, from a division's counters alone. */
export function statisticsFromCounters(
  counters: Counters,
  year: number,
  today: IsoDate,
): JurisdictionStatistics {
  const byType: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const outcomes = { pending: 0, pass: 0, basic_pass: 0, fail: 0 };
  const byLevel: Record<string, number> = {};
  const registeredByType: Record<string, number> = {};
  const threeAByType: Record<string, number> = {};
  const validGrades: { level: string; validUntil: IsoDate; count: number }[] = [];
  const listed = { abnormal: 0, serious: 0 };
  let mustReport = 0;
  for (const [key, n] of Object.entries(counters)) {
    if (n === 0) continue;
    const [kind, a = "", b = "", c = ""] = key.split(":");
    if (kind === "type") byType[a] = (byType[a] ?? 0) + n;
    else if (kind === "status") byStatus[a] = (byStatus[a] ?? 0) + n;
    else if (kind === "registeredIn" && Number(a) <= year) mustReport += n;
    else if (kind === "inspection" && Number(a) === year && b in outcomes)
      outcomes[b as keyof typeof outcomes] += n;
    else if (kind === "registeredType") registeredByType[a] = (registeredByType[a] ?? 0) + n;
    else if (kind === "grade" && compareDates(b, today) >= 0) {
      byLevel[a] = (byLevel[a] ?? 0) + n;
      if (THREE_A_AND_ABOVE.has(a)) threeAByType[c] = (threeAByType[c] ?? 0) + n;
      validGrades.push({ level: a, validUntil: b, count: n });
    } else if (kind === "list" && (a === "abnormal" || a === "serious") && compareDates(c, today) <= 0) {
      listed[a] += b === "in" ? n : -n;
    }
  }
  const total = Object.values(byType).reduce((s, n) => s + n, 0);
  const registered = byStatus.registered ?? 0;
  const filed = outcomes.pending + outcomes.pass + outcomes.basic_pass + outcomes.fail;
  const graded = Object.values(byLevel).reduce((s, n) => s + n, 0);
  const threeA = (byLevel["5A"] ?? 0) + (byLevel["4A"] ?? 0) + (byLevel["3A"] ?? 0);
  return {
    organizations: { total, byType, byStatus },
    annualReports: { year, mustReport, filed, outcomes, completionRate: share(filed, mustReport) },
    grades: {
      graded,
      byLevel,
      threeAAndAbove: threeA,
      shareThreeAAndAbove: share(threeA, registered),
      byType: Object.fromEntries(
        ORG_TYPES.map((type) => {
          const organizations = registeredByType[type] ?? 0;
          const above = threeAByType[type] ?? 0;
          return [
            type,
            { organizations, threeAAndAbove: above, shareThreeAAndAbove: share(above, organizations) },
          ];
        }),
      ),
      expiringWithin12Months: expiringGrades(validGrades, today),
    },
    creditLists: listed,
  };
}

/** Open alerts by rule, from the counters. */
export function openAlertsByRule(counters: Counters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(counters)) {
    const [kind, rule = "", status] = key.split(":");
    if (kind === "alert" && status === "open" && n !== 0) out[rule] = (out[rule] ?? 0) + n;
  }
  return out;
}
