import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar/index.js";
import type { CreditListEntry } from "../organizations/records.js";
import { listingEnters, startsAbnormalSpell } from "./lists.js";

const GROUNDS = [
  "annual_report_not_submitted",
  "rectification_not_completed",
  "abnormal_list_two_years",
  "large_fine",
];
const TODAY = "2026-05-20";
const day = fc.integer({ min: -900, max: 30 }).map((n) => addDays(TODAY, n));
const entry: fc.Arbitrary<CreditListEntry> = fc
  .record({
    list: fc.constantFrom("abnormal" as const, "serious" as const),
    ground: fc.constantFrom(...GROUNDS),
    since: day,
    until: fc.option(day, { nil: undefined }),
  })
  .map(({ until, ...e }) => ({ ...e, decidedBy: "system", ...(until && until > e.since ? { until } : {}) }));
const status = fc.constantFrom("registered", "deregistered", "revoked");
const listing = fc.record({
  list: fc.constantFrom("abnormal" as const, "serious" as const),
  ground: fc.constantFrom(...GROUNDS),
});
const onAbnormal = (entries: CreditListEntry[]) =>
  entries.some((e) => e.list === "abnormal" && e.since <= TODAY && (!e.until || TODAY < e.until));

describe("a credit listing (《社会组织信用信息管理办法》)", () => {
  it("enters only for a registered organization", () => {
    fc.assert(
      fc.property(status, fc.array(entry, { maxLength: 6 }), listing, (s, creditLists, l) => {
        if (s !== "registered")
          expect(listingEnters({ status: s, creditLists }, l.list, l.ground, TODAY)).toBe(false);
      }),
    );
  });

  it("enters once per list, ground and day: once entered, the same listing that day changes nothing", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), listing, (creditLists, l) => {
        const org = { status: "registered", creditLists };
        if (!listingEnters(org, l.list, l.ground, TODAY)) return;
        const after = [...creditLists, { ...l, since: TODAY, decidedBy: "system" }];
        expect(listingEnters({ ...org, creditLists: after }, l.list, l.ground, TODAY)).toBe(false);
      }),
    );
  });

  it("moves an organization to the serious list for two years on the abnormal one only while it is still on it", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (creditLists) => {
        const sameDay = creditLists.some(
          (e) => e.list === "serious" && e.ground === "abnormal_list_two_years" && e.since === TODAY,
        );
        const enters = listingEnters(
          { status: "registered", creditLists },
          "serious",
          "abnormal_list_two_years",
          TODAY,
        );
        expect(enters).toBe(onAbnormal(creditLists) && !sameDay);
      }),
    );
  });

  it("starts the two-year clock only with the first abnormal listing of a spell", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), listing, (creditLists, l) => {
        const starts = startsAbnormalSpell(creditLists, l.list, TODAY);
        expect(starts).toBe(l.list === "abnormal" && !onAbnormal(creditLists));
        if (starts) {
          const after = [...creditLists, { ...l, since: TODAY, decidedBy: "system" }];
          expect(startsAbnormalSpell(after, "abnormal", TODAY)).toBe(false);
        }
      }),
    );
  });
});
