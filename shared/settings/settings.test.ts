import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  configureSettings,
  type JurisdictionOverride,
  jurisdictionSettingsSchema,
  loadSettingsFromEnv,
  nationalDefaults,
  type SettingsOverrides,
  settingsFor,
} from "./index.js";

beforeEach(() => configureSettings({}));

describe("settingsFor", () => {
  it("gives the national defaults with the level of the code", () => {
    expect(jurisdictionSettingsSchema.parse(nationalDefaults)).toEqual(nationalDefaults);
    const jiading = settingsFor("310114");
    expect(jiading).toEqual({ ...nationalDefaults, level: "county" });
    expect(settingsFor("310000").level).toBe("provincial");
    expect(settingsFor("320500").level).toBe("city");
    expect(jiading.registration.decisionLimitWorkingDays).toEqual({
      social_group: 20,
      social_service: 20,
      foundation: 20,
    });
    expect(jiading.registration.statutoryDecisionLimitDays.social_service).toBe(60);
    expect(jiading.registration.requiredMaterials.social_group).toContain("member_list");
    expect(jiading.registration.requiredMaterials.foundation).not.toContain("member_list");
    expect(jiading.registration.requiredMaterials.social_group).not.toContain("supervisory_unit_approval");
    expect(jiading.registration.minimumFundsCny.foundation.local_public).toBe(4_000_000);
    expect(jiading.annualInspection.registrationAuthorityDue.foundation).toBe("05-31");
    expect(jiading.reminders.smsQuietHours).toEqual({ start: "21:00", end: "08:00" });
    expect(jiading.leaderAgeLimit).toBe(70);
  });

  it("returns a copy the caller cannot use to change the defaults", () => {
    settingsFor("310114").registration.requiredMaterials.social_group.push("liquidation_report");
    expect(nationalDefaults.registration.requiredMaterials.social_group).not.toContain("liquidation_report");
  });

  it("merges county over city over province over national, field by field", () => {
    configureSettings({
      "310000": {
        registration: {
          decisionLimitWorkingDays: { social_group: 15, foundation: 12 },
          supplementPeriodDays: 20,
        },
        reminders: { smsQuietHours: { start: "22:00" } },
      },
      "310100": { registration: { decisionLimitWorkingDays: { foundation: 11 } } },
      "310114": {
        registration: {
          decisionLimitWorkingDays: { social_group: 10 },
          requiredMaterials: { social_service: ["application_form", "charter"] },
        },
      },
    });
    const jiading = settingsFor("310114");
    expect(jiading.registration.decisionLimitWorkingDays).toEqual({
      social_group: 10,
      social_service: 20,
      foundation: 11,
    });
    expect(jiading.registration.supplementPeriodDays).toBe(20);
    expect(jiading.registration.requiredMaterials.social_service).toEqual(["application_form", "charter"]);
    expect(jiading.registration.requiredMaterials.foundation).toEqual(
      nationalDefaults.registration.requiredMaterials.foundation,
    );
    expect(jiading.reminders.smsQuietHours).toEqual({ start: "22:00", end: "08:00" });

    const chongming = settingsFor("310151");
    expect(chongming.registration.decisionLimitWorkingDays.social_group).toBe(15);
    expect(settingsFor("320582").registration.decisionLimitWorkingDays.social_group).toBe(20);
  });

  it("takes level from the jurisdiction's own override only", () => {
    configureSettings({ "310000": { level: "national" }, "441900": { level: "county" } });
    expect(settingsFor("310000").level).toBe("national");
    expect(settingsFor("310114").level).toBe("county");
    expect(settingsFor("441900").level).toBe("county");
  });

  it("rejects an invalid override with a message naming the path", () => {
    const bad = {
      "310000": { registration: { minimumFundsCny: { social_service: "30000" } } },
    } as unknown as SettingsOverrides;
    expect(() => configureSettings(bad)).toThrow("310000.registration.minimumFundsCny.social_service");
    expect(() =>
      configureSettings({ "310114": { annualInspection: { supervisoryUnitDue: "02-30" } } }),
    ).toThrow("310114.annualInspection.supervisoryUnitDue");
    expect(() =>
      configureSettings({
        "310114": { registration: { requiredMaterials: { foundation: ["charterr"] } } },
      } as unknown as SettingsOverrides),
    ).toThrow("310114.registration.requiredMaterials.foundation[0]");
  });

  it("rejects a misspelt key and an unknown code in the overrides", () => {
    const misspelt = {
      "310000": { registration: { acceptanceWorkdays: 3 } },
    } as unknown as SettingsOverrides;
    expect(() => configureSettings(misspelt)).toThrow(/acceptanceWorkdays[\s\S]*310000\.registration/);
    expect(() => configureSettings({ "310230": { termYears: 4 } })).toThrow(
      /not a known division code[\s\S]*310230/,
    );
  });

  it("keeps the previous overrides when new ones are rejected", () => {
    const override: JurisdictionOverride = { termYears: 4 };
    configureSettings({ "310000": override });
    expect(() => configureSettings({ "310000": { termYears: 0 } })).toThrow("310000.termYears");
    expect(settingsFor("310114").termYears).toBe(4);
  });

  it("throws for an unknown jurisdiction code", () => {
    expect(() => settingsFor("310230")).toThrow(/Unknown jurisdiction "310230"/);
    expect(() => settingsFor("000000")).toThrow(/Unknown jurisdiction/);
    expect(() => settingsFor("31011")).toThrow(/Unknown jurisdiction/);
  });
});

describe("loadSettingsFromEnv", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("reads SETTINGS_JSON", () => {
    const json = JSON.stringify({ "320582": { registration: { twoStageSocialGroups: true } } });
    loadSettingsFromEnv({ SETTINGS_JSON: json });
    expect(settingsFor("320582").registration.twoStageSocialGroups).toBe(true);
    expect(settingsFor("320500").registration.twoStageSocialGroups).toBe(false);
  });

  it("falls back to the national defaults when unset", () => {
    configureSettings({ "320582": { termYears: 3 } });
    loadSettingsFromEnv({});
    expect(settingsFor("320582").termYears).toBe(5);
  });

  it("rejects malformed JSON and invalid settings, naming the variable", () => {
    expect(() => loadSettingsFromEnv({ SETTINGS_JSON: "{" })).toThrow(/SETTINGS_JSON is not valid JSON/);
    expect(() => loadSettingsFromEnv({ SETTINGS_JSON: '{"310000":{"leaderAgeLimit":-1}}' })).toThrow(
      /SETTINGS_JSON[\s\S]*310000\.leaderAgeLimit/,
    );
  });

  it("is read once, on first use, when nothing was configured", async () => {
    vi.resetModules();
    vi.stubEnv("SETTINGS_JSON", JSON.stringify({ "310000": { termYears: 4 } }));
    const fresh = await import("./index.js");
    expect(fresh.settingsFor("310114").termYears).toBe(4);
    vi.stubEnv("SETTINGS_JSON", JSON.stringify({ "310000": { termYears: 3 } }));
    expect(fresh.settingsFor("310114").termYears).toBe(4);
  });
});

describe("major events, name check, change and deregistration settings", () => {
  it("default to DOMAIN.md sections 3 and 7", () => {
    const jiading = settingsFor("310114");
    expect(jiading.majorEvents.catalogue.large_event).toEqual({
      when: "before",
      period: 15,
      unit: "calendar_days",
      handling: "review",
      leadsToChange: false,
    });
    expect(jiading.majorEvents.catalogue.emergency).toMatchObject({
      unit: "hours",
      period: 24,
      handling: "follow_up",
    });
    expect(jiading.majorEvents.catalogue.litigation).toMatchObject({
      when: "after",
      unit: "working_days",
      handling: "file_only",
    });
    expect(jiading.majorEvents.summaryDays).toBe(15);
    expect(jiading.change.requiredMaterials).toEqual(["application_form", "change_resolution"]);
    expect(jiading.deregistration.requiredMaterials).toContain("liquidation_report");
    expect(jiading.termYears).toBe(5);
  });

  it("let a bureau change one catalogue entry and refuse a misspelt one", () => {
    configureSettings({
      "310114": { majorEvents: { catalogue: { large_event: { period: 20, unit: "working_days" } } } },
    });
    const rule = settingsFor("310114").majorEvents.catalogue.large_event;
    expect(rule).toMatchObject({ period: 20, unit: "working_days", when: "before", handling: "review" });
    expect(settingsFor("310000").majorEvents.catalogue.large_event.period).toBe(15);
    expect(() =>
      configureSettings({ "310114": { majorEvents: { catalogue: { forum: { period: 3 } } } } as never }),
    ).toThrow(/forum/);
    expect(() =>
      configureSettings({
        "310114": { majorEvents: { catalogue: { emergency: { handling: "ignore" } } } } as never,
      }),
    ).toThrow(/handling/);
  });
});
