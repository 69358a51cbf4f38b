import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar/index.js";
import type { OrganizationRecord } from "./records.js";
import { jurisdictionStatistics } from "./statistics.js";
import {
  addCounters,
  counterDelta,
  organizationCounters,
  statisticsFromCounters,
} from "./statistics-counters.js";

const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays("2024-11-01", n));

const entry = fc.record(
  {
    list: fc.constantFrom("abnormal" as const, "serious" as const),
    ground: fc.constant("annual_report_not_submitted"),
    since: day,
    until: day,
    decidedBy: fc.constant("system"),
  },
  { requiredKeys: ["list", "ground", "since", "decidedBy"] },
);

const organization: fc.Arbitrary<OrganizationRecord> = fc.record(
  {
    uscc: fc.string(),
    name: fc.constant("n"),
    orgType: fc.constantFrom("social_group" as const, "social_service" as const, "foundation" as const),
    status: fc.constantFrom(
      "registered" as const,
      "registered" as const,
      "deregistered" as const,
      "revoked" as const,
    ),
    jurisdiction: fc.constant("310114"),
    registeredOn: fc.constantFrom("2020-03-01", "2023-12-31", "2024-01-01", "2024-06-30", "2025-01-02"),
    contact: fc.constant({ email: "a@b.c", phone: "13800138000" }),
    grade: fc.record({
      level: fc.constantFrom("5A" as const, "4A" as const, "3A" as const, "2A" as const, "1A" as const),
      validUntil: day,
    }),
    creditLists: fc.array(entry, { maxLength: 4 }),
    annualInspections: fc.array(
      fc.record({
        year: fc.constantFrom(2023, 2024, 2025),
        outcome: fc.constantFrom("pass" as const, "basic_pass" as const, "fail" as const, "pending" as const),
      }),
      { maxLength: 3 },
    ),
    createdAt: fc.constant("2024-01-01T00:00:00Z"),
    version: fc.constant(1),
  },
  {
    requiredKeys: [
      "uscc",
      "name",
      "orgType",
      "status",
      "jurisdiction",
      "registeredOn",
      "contact",
      "creditLists",
      "annualInspections",
      "createdAt",
      "version",
    ],
  },
);

describe("statistics from counters", () => {
  it("equal the statistics read from the whole register, for any register, year and day", () => {
    fc.assert(
      fc.property(
        fc.array(organization, { maxLength: 30 }),
        fc.constantFrom(2023, 2024, 2025),
        day,
        (orgs, year, today) => {
          const counters = orgs.reduce((acc, o) => addCounters(acc, organizationCounters(o)), {});
          expect(statisticsFromCounters(counters, year, today)).toEqual(
            jurisdictionStatistics(orgs, year, today),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stay equal as records change one by one, by the deltas written with each change", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), organization), { maxLength: 40 }),
        fc.constantFrom(2024, 2025),
        day,
        (changes, year, today) => {
          const register = new Map<number, OrganizationRecord>();
          const counters = {};
          for (const [slot, next] of changes) {
            const before = register.get(slot);
            addCounters(
              counters,
              counterDelta(before ? organizationCounters(before) : {}, organizationCounters(next)),
            );
            register.set(slot, next);
          }
          expect(statisticsFromCounters(counters, year, today)).toEqual(
            jurisdictionStatistics([...register.values()], year, today),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
