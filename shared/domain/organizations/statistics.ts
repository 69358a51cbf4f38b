import { mustReport } from "../annual-inspection/index.js";
import type { IsoDate } from "../calendar/index.js";
import { addYears, compareDates } from "../calendar/index.js";
import { currentEntries } from "../credit/index.js";
import type { OrganizationRecord } from "./records.js";

export const THREE_A_AND_ABOVE = new Set(["5A", "4A", "3A"]);
export const ORG_TYPES = ["social_group", "social_service", "foundation"] as const;

const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

export interface ExpiringGrades {
  validUntil: IsoDate;
  level: string;
  organizations: number;
}

/** Valid grades that lapse before a year from today, counted by last day and level, soonest first. */
export function expiringGrades(
  grades: readonly { level: string; validUntil: IsoDate; count?: number }[],
  today: IsoDate,
): ExpiringGrades[] {
  const horizon = addYears(today, 1);
  const byDay = new Map<string, ExpiringGrades>();
  for (const g of grades) {
    if (compareDates(g.validUntil, today) < 0 || compareDates(g.validUntil, horizon) >= 0) continue;
    const key = `${g.validUntil}|${g.level}`;
    const entry = byDay.get(key) ?? { validUntil: g.validUntil, level: g.level, organizations: 0 };
    entry.organizations += g.count ?? 1;
    byDay.set(key, entry);
  }
  return [...byDay.values()]
    .filter((e) => e.organizations !== 0)
    .sort((a, b) => compareDates(a.validUntil, b.validUntil) || a.level.localeCompare(b.level));
}

/**
 * What a bureau is measured on, for one jurisdiction: its register by type and status, the annual-report
 * completion of a year, the share graded 3A and above (a grade counts while valid), and the credit lists.
 */
export function jurisdictionStatistics(orgs: readonly OrganizationRecord[], year: number, today: IsoDate) {
  const count = (keyOf: (o: OrganizationRecord) => string) =>
    orgs.reduce<Record<string, number>>((acc, o) => {
      const k = keyOf(o);
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
  const registered = orgs.filter((o) => o.status === "registered");
  const reporting = registered.filter((o) => mustReport(o, year));
  const outcomes = { pending: 0, pass: 0, basic_pass: 0, fail: 0 };
  for (const o of reporting) {
    const result = o.annualInspections.find((i) => i.year === year);
    if (result) outcomes[result.outcome]++;
  }
  const filed = outcomes.pending + outcomes.pass + outcomes.basic_pass + outcomes.fail;
  const graded = registered.filter((o) => o.grade && compareDates(o.grade.validUntil, today) >= 0);
  const threeA = graded.filter((o) => THREE_A_AND_ABOVE.has(o.grade?.level ?? ""));
  const listed = (list: "abnormal" | "serious") =>
    registered.filter((o) => currentEntries(o.creditLists, today).some((e) => e.list === list)).length;
  return {
    organizations: { total: orgs.length, byType: count((o) => o.orgType), byStatus: count((o) => o.status) },
    annualReports: {
      year,
      mustReport: reporting.length,
      filed,
      outcomes,
      completionRate: share(filed, reporting.length),
    },
    grades: {
      graded: graded.length,
      byLevel: graded.reduce<Record<string, number>>((acc, o) => {
        const level = o.grade?.level as string;
        acc[level] = (acc[level] ?? 0) + 1;
        return acc;
      }, {}),
      threeAAndAbove: threeA.length,
      shareThreeAAndAbove: share(threeA.length, registered.length),
      byType: Object.fromEntries(
        ORG_TYPES.map((type) => {
          const ofType = registered.filter((o) => o.orgType === type);
          const above = threeA.filter((o) => o.orgType === type).length;
          return [
            type,
            {
              organizations: ofType.length,
              threeAAndAbove: above,
              shareThreeAAndAbove: share(above, ofType.length),
            },
          ];
        }),
      ),
      // Renewals to plan for: valid grades whose last day falls within the next 12 months, by day and level.
      expiringWithin12Months: expiringGrades(
        graded.map((o) => o.grade as { level: string; validUntil: IsoDate }),
        today,
      ),
    },
    creditLists: { abnormal: listed("abnormal"), serious: listed("serious") },
  };
}

export type JurisdictionStatistics = ReturnType<typeof jurisdictionStatistics>;
