import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateScores,
  DEFAULT_INDICATOR_SYSTEMS,
  type Indicator,
  type IndicatorSystem,
  indicatorSystemFor,
  indicatorSystemProblems,
  leaves,
  NATIONAL,
  scoreProblems,
} from "./index.js";

const tree: Indicator[] = [
  {
    id: "governance",
    name: "内部治理",
    max: 60,
    children: [
      { id: "board", name: "法人治理结构", max: 40 },
      { id: "party", name: "党建", max: 20 },
    ],
  },
  { id: "finance", name: "财务管理", max: 40 },
];

describe("the default indicator systems", () => {
  it.each(DEFAULT_INDICATOR_SYSTEMS.map((s) => [s.version, s] as const))(
    "%s is a sound 1,000-point tree",
    (_, system) => {
      expect(system.maxScore).toBe(1000);
      expect(indicatorSystemProblems(system)).toEqual([]);
    },
  );

  it("has the four parts of each type and the indicators bureaus score", () => {
    const names = (orgType: string) => {
      const system = DEFAULT_INDICATOR_SYSTEMS.find((s) => s.orgType === orgType) as IndicatorSystem;
      return {
        top: system.indicators.map((i) => i.name),
        leaves: leaves(system.indicators).map((l) => l.name),
      };
    };
    expect(names("social_group").top).toEqual(["基础条件", "内部治理", "工作绩效", "社会评价"]);
    expect(names("foundation").top).toEqual(["基础条件", "内部治理", "工作绩效", "社会评价"]);
    expect(names("social_service").top).toEqual(["基础条件", "内部治理", "业务活动和诚信建设", "社会评价"]);
    for (const type of ["social_group", "foundation", "social_service"]) {
      expect(names(type).leaves).toEqual(expect.arrayContaining(["党建工作", "信息公开", "会计核算"]));
      expect(names(type).leaves.some((n) => n.includes("诚信建设"))).toBe(true);
    }
  });

  it("finds a tree that does not add up", () => {
    const broken = [{ ...tree[0], max: 70 } as Indicator, tree[1] as Indicator];
    expect(indicatorSystemProblems({ maxScore: 100, indicators: broken })).toEqual([
      "governance (内部治理) is worth 70 but its indicators add up to 60",
      "the indicators add up to 110, not 100",
    ]);
    expect(
      indicatorSystemProblems({ maxScore: 100, indicators: [...tree, { id: "board", name: "x", max: 1 }] }),
    ).toContain("indicator id board appears twice");
  });
});

describe("scores", () => {
  it("names the leaf a score exceeds, and the one that does not exist", () => {
    expect(scoreProblems(tree, { board: 41, party: 20, finance: 40 }, { complete: true })).toEqual([
      {
        field: "scores.board",
        code: "above_maximum",
        message: "法人治理结构 (board) is worth at most 40, not 41",
      },
    ]);
    expect(scoreProblems(tree, { governance: 50 }, { complete: false })).toEqual([
      {
        field: "scores.governance",
        code: "unknown_indicator",
        message: "governance is not a leaf indicator",
      },
    ]);
    expect(scoreProblems(tree, { board: -1 }, { complete: false })[0]?.code).toBe("not_a_score");
  });

  it("asks an expert panel for every leaf, and lets a self-assessment leave some", () => {
    expect(scoreProblems(tree, { board: 30 }, { complete: false })).toEqual([]);
    expect(scoreProblems(tree, { board: 30 }, { complete: true }).map((p) => p.field)).toEqual([
      "scores.party",
      "scores.finance",
    ]);
  });

  it("adds leaves up to each parent and the total", () => {
    const result = aggregateScores(tree, { board: 35.5, party: 18, finance: 39 });
    expect(result.total).toBe(92.5);
    expect(result.indicators[0]).toMatchObject({ id: "governance", score: 53.5 });
    expect(result.indicators[0]?.children?.map((c) => c.score)).toEqual([35.5, 18]);
  });

  it("holds each leaf within its maximum and counts a missing one as 0", () => {
    const result = aggregateScores(tree, { board: 400, party: -5 });
    expect(result.indicators[0]?.children?.map((c) => c.score)).toEqual([40, 0]);
    expect(result.total).toBe(40);
  });

  it("never totals more than the tree is worth nor less than 0, and a parent is the sum of its leaves (property)", () => {
    const system = DEFAULT_INDICATOR_SYSTEMS[2] as IndicatorSystem;
    const ids = leaves(system.indicators).map((l) => l.id);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...ids), fc.double({ min: -50, max: 300, noNaN: true })),
        (scores) => {
          const result = aggregateScores(system.indicators, scores);
          expect(result.total).toBeGreaterThanOrEqual(0);
          expect(result.total).toBeLessThanOrEqual(system.maxScore);
          for (const part of result.indicators) {
            const sum = (part.children ?? []).reduce((s, c) => s + c.score, 0);
            expect(part.score).toBeCloseTo(sum, 1);
          }
        },
      ),
    );
  });
});

describe("the system in force", () => {
  const own = (jurisdiction: string, fromYear: number): IndicatorSystem => ({
    version: `${jurisdiction}-${fromYear}`,
    jurisdiction,
    orgType: "social_group",
    fromYear,
    maxScore: 100,
    indicators: tree,
  });
  const systems = [
    ...DEFAULT_INDICATOR_SYSTEMS,
    own("310000", 2024),
    own("310114", 2026),
    own("310114", 2027),
  ];

  it("takes the nearest issuer's latest version for the year", () => {
    const pick = (year: number, jurisdictions: string[]) =>
      indicatorSystemFor(systems, { orgType: "social_group", year, jurisdictions })?.version;
    expect(pick(2025, ["310114", "310000"])).toBe("310000-2024");
    expect(pick(2026, ["310114", "310000"])).toBe("310114-2026");
    expect(pick(2030, ["310114", "310000"])).toBe("310114-2027");
    expect(pick(2023, ["310114", "310000"])).toBe("national-social_group-2021");
    expect(pick(2025, ["110105", "110000"])).toBe("national-social_group-2021");
    expect(systems.some((s) => s.jurisdiction === NATIONAL)).toBe(true);
  });
});
