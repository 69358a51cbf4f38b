import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  certificateNumber,
  DEFAULT_GRADE_THRESHOLDS,
  expiresBy,
  GRADES,
  type GradeThresholds,
  gradeExpiresOn,
  gradeForTotal,
  gradeRank,
  gradeThresholdProblems,
  gradeValidUntil,
  isGradeValid,
  isThreeAAndAbove,
} from "./index.js";

describe("the grade from the total", () => {
  it.each([
    [1000, "5A"],
    [950, "5A"],
    [949.5, "4A"],
    [949, "4A"],
    [901, "4A"],
    [900.99, "3A"],
    [900, "3A"],
    [851, "3A"],
    [850, "2A"],
    [801, "2A"],
    [800, "1A"],
    [751, "1A"],
  ])("%d points is %s with the default bands", (total, grade) => {
    expect(gradeForTotal(total, DEFAULT_GRADE_THRESHOLDS)).toBe(grade);
  });

  it("gives no grade below 751", () => {
    expect(gradeForTotal(750.99, DEFAULT_GRADE_THRESHOLDS)).toBeUndefined();
    expect(gradeForTotal(0, DEFAULT_GRADE_THRESHOLDS)).toBeUndefined();
  });

  it("follows a bureau's own thresholds, bonus points included in the total", () => {
    const strict: GradeThresholds = { "5A": 1000, "4A": 950, "3A": 900, "2A": 850, "1A": 800 };
    expect(gradeForTotal(999, strict)).toBe("4A");
    expect(gradeForTotal(960 + 40, strict)).toBe("5A");
    expect(gradeForTotal(799, strict)).toBeUndefined();
  });

  it("refuses thresholds that do not rise with the grade", () => {
    expect(gradeThresholdProblems(DEFAULT_GRADE_THRESHOLDS)).toEqual([]);
    expect(gradeThresholdProblems({ ...DEFAULT_GRADE_THRESHOLDS, "4A": 851 })).toEqual([
      { grade: "4A", message: "4A must need more points than 3A" },
    ]);
  });

  const thresholds = fc
    .uniqueArray(fc.integer({ min: 0, max: 1100 }), { minLength: 5, maxLength: 5 })
    .map((values) => {
      const [a, b, c, d, e] = values.sort((x, y) => y - x) as [number, number, number, number, number];
      return { "5A": a, "4A": b, "3A": c, "2A": d, "1A": e } satisfies GradeThresholds;
    });

  it("never gives a lower grade for more points, and a grade's total reaches its threshold (property)", () => {
    fc.assert(
      fc.property(
        thresholds,
        fc.double({ min: 0, max: 1100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (t, total, more) => {
          const grade = gradeForTotal(total, t);
          const higher = gradeForTotal(total + more, t);
          const rank = (g: typeof grade) => (g ? gradeRank(g) : 0);
          expect(rank(higher)).toBeGreaterThanOrEqual(rank(grade));
          if (grade) {
            expect(total).toBeGreaterThanOrEqual(t[grade]);
            const above = GRADES[GRADES.indexOf(grade) - 1];
            if (above) expect(total).toBeLessThan(t[above]);
          } else expect(total).toBeLessThan(t["1A"]);
        },
      ),
    );
  });

  it("counts 5A, 4A and 3A as 3A and above", () => {
    expect(GRADES.filter(isThreeAAndAbove)).toEqual(["5A", "4A", "3A"]);
  });
});

describe("validity and expiry", () => {
  it("runs five years from the announcement, the announcement day included", () => {
    expect(gradeValidUntil("2025-06-10", 5)).toBe("2030-06-09");
    expect(gradeValidUntil("2025-01-01", 5)).toBe("2029-12-31");
  });

  it("handles an announcement on 29 February", () => {
    expect(gradeValidUntil("2024-02-29", 5)).toBe("2029-02-27");
  });

  it("is valid through its last day and lapsed the day after", () => {
    const grade = { validUntil: gradeValidUntil("2025-06-10", 5) };
    expect(isGradeValid(grade, "2030-06-09")).toBe(true);
    expect(isGradeValid(grade, "2030-06-10")).toBe(false);
    expect(isGradeValid(undefined, "2025-06-10")).toBe(false);
    expect(gradeExpiresOn(grade)).toBe("2030-06-09");
  });

  it("finds the grades that lapse within a horizon", () => {
    const grade = { validUntil: "2026-03-31" };
    expect(expiresBy(grade, "2025-04-01", "2026-04-01")).toBe(true);
    expect(expiresBy(grade, "2025-03-30", "2026-03-30")).toBe(false);
    expect(expiresBy(grade, "2026-04-01", "2027-04-01")).toBe(false);
  });

  it("numbers certificates by jurisdiction and year", () => {
    expect(certificateNumber("310114", 2025, 7)).toBe("310114-2025-0007");
  });
});
