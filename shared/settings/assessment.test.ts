import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_INDICATOR_SYSTEMS } from "../domain/assessment/index.js";
import { configureSettings, settingsFor } from "./index.js";

beforeEach(() => configureSettings({}));

const bureauTree = {
  version: "310114-social_group-2026",
  jurisdiction: "310114",
  orgType: "social_group",
  fromYear: 2026,
  maxScore: 1000,
  indicators: DEFAULT_INDICATOR_SYSTEMS[0]?.indicators ?? [],
} as const;

describe("assessment settings", () => {
  it("default to DOMAIN.md: the five bands, 7 working days of notice, no moving up early, two years after withdrawal", () => {
    expect(settingsFor("310114").assessment).toEqual({
      thresholds: { "5A": 950, "4A": 901, "3A": 851, "2A": 801, "1A": 751 },
      bonusMaxPoints: 0,
      publicNoticeWorkingDays: 7,
      moveUpAfterYears: null,
      withdrawalBanYears: 2,
      stageWorkingDays: 20,
      supplementPeriodDays: 15,
      indicatorSystems: [],
    });
  });

  it("take a bureau's thresholds, bonus points, move-up years and its own indicator system", () => {
    configureSettings({
      "310000": { assessment: { thresholds: { "5A": 960 }, bonusMaxPoints: 100, moveUpAfterYears: 3 } },
      "310114": { assessment: { indicatorSystems: [bureauTree] } },
    });
    const jiading = settingsFor("310114").assessment;
    expect(jiading.thresholds["5A"]).toBe(960);
    expect(jiading.thresholds["4A"]).toBe(901);
    expect(jiading.bonusMaxPoints).toBe(100);
    expect(jiading.moveUpAfterYears).toBe(3);
    expect(jiading.indicatorSystems.map((s) => s.version)).toEqual(["310114-social_group-2026"]);
  });

  it("refuse bonus points above 100 and thresholds that do not rise with the grade, naming the field", () => {
    expect(() => configureSettings({ "310000": { assessment: { bonusMaxPoints: 101 } } })).toThrow(
      "310000.assessment.bonusMaxPoints",
    );
    configureSettings({ "310114": { assessment: { thresholds: { "4A": 800 } } } });
    expect(() => settingsFor("310114")).toThrow("assessment.thresholds.4A");
  });

  it("refuse an indicator system that does not add up to 1,000", () => {
    const first = bureauTree.indicators?.[0];
    const broken = {
      ...bureauTree,
      indicators: [{ ...first, max: 61 }, ...(bureauTree.indicators?.slice(1) ?? [])],
    };
    expect(() =>
      configureSettings({ "310114": { assessment: { indicatorSystems: [broken as never] } } }),
    ).toThrow(/basic_conditions \(基础条件\) is worth 61 but its indicators add up to 60/);
  });
});
