import { describe, expect, it } from "vitest";
import { areaNames, divisionName, nationalDefaults, settingsFor } from "../../settings/index.js";
import {
  checkRegistrationApplication,
  DIRECT_REGISTRATION_KEYWORDS,
  decisionLimitDays,
  KIND_WORDS,
  type OrgType,
  type RegistrationApplication,
  type RegistrationContext,
  requiredMaterials,
  requiresSupervisoryUnit,
} from "./index.js";

const settings = nationalDefaults.registration;

const COMMON = [
  "application_form",
  "charter",
  "domicile_proof",
  "capital_verification",
  "leaders_resumes",
  "name_precheck",
];

const materials = (...kinds: string[]) => kinds.map((kind) => ({ kind, ref: `uploads/${kind}.pdf` }));

const base = {
  jurisdiction: "310114",
  domicile: "上海市嘉定区博乐路70号",
  legalRepresentative: { name: "张三", idNumber: "11010519491231002X", phone: "13800000000" },
  contact: { email: "office@example.org", phone: "13800000000" },
};

const jiading: RegistrationContext = { jurisdictionName: "嘉定区", level: "county", areaNames: ["上海市"] };
const shanghai: RegistrationContext = { jurisdictionName: "上海市", level: "provincial" };

interface Case {
  app: RegistrationApplication;
  context: RegistrationContext;
}

// One valid application per type: a social group under a supervisory unit, two directly registered.
const valid: Record<OrgType, Case> = {
  social_group: {
    app: {
      ...base,
      orgType: "social_group",
      name: "上海市嘉定区书法研究会",
      businessScope: "书法研究、交流、展览",
      fundsCny: 30_000,
      supervisoryUnit: "上海市嘉定区文化和旅游局",
      members: { individual: 60, unit: 0 },
      materials: materials(...COMMON, "member_list", "supervisory_unit_approval"),
    },
    context: jiading,
  },
  social_service: {
    app: {
      ...base,
      orgType: "social_service",
      name: "嘉定区乐龄社区服务中心",
      businessScope: "城乡社区服务：为老年人提供助餐、助浴、陪伴服务",
      fundsCny: 30_000,
      materials: materials(...COMMON),
    },
    context: jiading,
  },
  foundation: {
    app: {
      ...base,
      jurisdiction: "310000",
      orgType: "foundation",
      name: "上海市生态环境保护公益基金会",
      businessScope: "资助生态环境保护公益项目",
      fundsCny: 2_000_000,
      materials: materials(...COMMON),
    },
    context: shanghai,
  },
};

const fields = (c: Case, settingsOverride = settings) =>
  checkRegistrationApplication(c.app, settingsOverride, c.context).map((v) => v.field);

const withApp = (c: Case, change: Partial<RegistrationApplication>): Case => ({
  app: { ...c.app, ...change },
  context: c.context,
});

const ORG_TYPES: OrgType[] = ["social_group", "social_service", "foundation"];

describe.each(ORG_TYPES)("checkRegistrationApplication for %s", (orgType) => {
  const ok = valid[orgType];

  it("passes a complete, valid application", () => {
    expect(checkRegistrationApplication(ok.app, settings, ok.context)).toEqual([]);
  });

  it("names each missing material once, under materials", () => {
    const app = {
      ...ok.app,
      materials: ok.app.materials.filter((m) => !["charter", "name_precheck"].includes(m.kind)),
    };
    const violations = checkRegistrationApplication(app, settings, ok.context);
    expect(violations.map((v) => v.field)).toEqual(["materials"]);
    expect(violations[0]?.code).toBe("materials_missing");
    expect(violations[0]?.message).toContain("charter");
    expect(violations[0]?.message).toContain("name_precheck");
  });

  it("does not count a material without a file", () => {
    const app = {
      ...ok.app,
      materials: ok.app.materials.map((m) => (m.kind === "charter" ? { ...m, ref: " " } : m)),
    };
    expect(fields({ app, context: ok.context })).toEqual(["materials"]);
  });

  it("requires the materials the jurisdiction sets", () => {
    const stricter = {
      ...settings,
      requiredMaterials: {
        ...settings.requiredMaterials,
        [orgType]: [...COMMON, "founding_congress_minutes"],
      },
    };
    expect(fields(ok, stricter)).toEqual(["materials"]);
  });

  it("requires the supervisory unit's approval when there is a supervisory unit", () => {
    const app = {
      ...ok.app,
      supervisoryUnit: "上海市嘉定区民政局",
      materials: ok.app.materials.filter((m) => m.kind !== "supervisory_unit_approval"),
    };
    const violations = checkRegistrationApplication(app, settings, ok.context);
    expect(violations.map((v) => v.field)).toEqual(["materials"]);
    expect(violations[0]?.message).toContain("supervisory_unit_approval");
  });

  it("rejects funds under the minimum", () => {
    const minimum = orgType === "foundation" ? 2_000_000 : 30_000;
    expect(fields(withApp(ok, { fundsCny: minimum - 1 }))).toEqual(["fundsCny"]);
    expect(fields(withApp(ok, { fundsCny: Number.NaN }))).toEqual(["fundsCny"]);
  });

  it("rejects a name without the area", () => {
    const name = ok.app.name.replace(/^(上海市)?(嘉定区)?/, "江苏省");
    const violations = checkRegistrationApplication({ ...ok.app, name }, settings, ok.context);
    expect(violations.map((v) => [v.field, v.code])).toEqual([["name", "name_area_missing"]]);
  });

  it("rejects a name without the kind word of its type", () => {
    const wrong = orgType === "foundation" ? "上海市生态环境保护公益协会" : `${ok.app.name}基金会`;
    const violations = checkRegistrationApplication({ ...ok.app, name: wrong }, settings, ok.context);
    expect(violations.map((v) => [v.field, v.code])).toEqual([["name", "name_kind_word"]]);
  });

  it("rejects a name over 50 characters", () => {
    const name = `上海市嘉定区${"书".repeat(44)}${KIND_WORDS[orgType][0]}`;
    expect([...name].length).toBeGreaterThan(50);
    const violations = checkRegistrationApplication({ ...ok.app, name }, settings, ok.context);
    expect(violations.map((v) => [v.field, v.code])).toEqual([["name", "name_length"]]);
  });
});

describe("checkRegistrationApplication, type-specific rules", () => {
  const group = valid.social_group;
  const foundation = valid.foundation;

  it("reports a name under 4 characters", () => {
    const violations = checkRegistrationApplication({ ...group.app, name: "协会" }, settings, group.context);
    expect(violations.every((v) => v.field === "name")).toBe(true);
    expect(violations.map((v) => v.code)).toContain("name_length");
  });

  it("accepts the county's name alone or a parent's name", () => {
    expect(fields(withApp(group, { name: "嘉定区书法研究会" }))).toEqual([]);
    expect(fields(withApp(group, { name: "上海市书法研究会" }))).toEqual([]);
    expect(
      fields({ app: { ...group.app, name: "上海市书法研究会" }, context: { ...jiading, areaNames: [] } }),
    ).toEqual(["name"]);
  });

  it("requires the members of a social group", () => {
    expect(fields(withApp(group, { members: undefined }))).toEqual(["members"]);
    expect(fields(withApp(group, { members: { individual: 49, unit: 0 } }))).toEqual(["members.individual"]);
    expect(fields(withApp(group, { members: { individual: 0, unit: 29 } }))).toEqual(["members.unit"]);
    expect(fields(withApp(group, { members: { individual: 30, unit: 19 } }))).toEqual(["members"]);
    expect(fields(withApp(group, { members: { individual: 0, unit: 0 } }))).toEqual(["members.individual"]);
    expect(fields(withApp(group, { members: { individual: 0, unit: 30 } }))).toEqual([]);
    expect(fields(withApp(group, { members: { individual: 20, unit: 30 } }))).toEqual([]);
  });

  it("does not ask other types for members", () => {
    expect(fields(withApp(valid.social_service, { members: undefined }))).toEqual([]);
    expect(fields(withApp(foundation, { members: { individual: 1, unit: 0 } }))).toEqual([]);
  });

  it("asks a national social group for 100,000 yuan and accepts 中国 as its area", () => {
    const national: Case = {
      app: { ...group.app, name: "中国书法研究会", fundsCny: 99_999 },
      context: { jurisdictionName: "", level: "national" },
    };
    expect(fields(national)).toEqual(["fundsCny"]);
    expect(fields(withApp(national, { fundsCny: 100_000 }))).toEqual([]);
  });

  it("sets a foundation's minimum by its kind, non-public by default", () => {
    expect(fields(withApp(foundation, { foundationKind: "non_public" }))).toEqual([]);
    expect(fields(withApp(foundation, { foundationKind: "local_public" }))).toEqual(["fundsCny"]);
    expect(fields(withApp(foundation, { foundationKind: "local_public", fundsCny: 4_000_000 }))).toEqual([]);
    expect(fields(withApp(foundation, { foundationKind: "national_public", fundsCny: 4_000_000 }))).toEqual([
      "fundsCny",
    ]);
  });
});

describe("dual management (双重管理)", () => {
  const group = valid.social_group;
  const unsupervised = withApp(group, {
    supervisoryUnit: undefined,
    materials: group.app.materials.filter((m) => m.kind !== "supervisory_unit_approval"),
  });

  it("requires a supervisory unit unless the organization registers directly", () => {
    const violations = checkRegistrationApplication(unsupervised.app, settings, unsupervised.context);
    expect(violations.map((v) => [v.field, v.code])).toEqual([
      ["supervisoryUnit", "supervisory_unit_missing"],
    ]);
    expect(fields(withApp(unsupervised, { supervisoryUnit: "  " }))).toEqual(["supervisoryUnit"]);
  });

  it("recognizes direct registration from the name or the scope", () => {
    expect(requiresSupervisoryUnit(unsupervised.app)).toBe(true);
    expect(requiresSupervisoryUnit({ name: "上海市嘉定区汽车销售行业协会", businessScope: "" })).toBe(false);
    expect(requiresSupervisoryUnit({ name: "上海市嘉定区温州商会", businessScope: "" })).toBe(false);
    expect(requiresSupervisoryUnit({ name: "嘉定区科技创新促进会", businessScope: "" })).toBe(false);
    expect(requiresSupervisoryUnit({ name: "嘉定区书法研究会", businessScope: "开展慈善书法义卖" })).toBe(
      false,
    );
    expect(requiresSupervisoryUnit({ name: "嘉定区乐龄服务中心", businessScope: "城乡社区服务" })).toBe(
      false,
    );
    for (const word of DIRECT_REGISTRATION_KEYWORDS) {
      expect(fields(withApp(unsupervised, { businessScope: `书法研究、${word}` }))).toEqual([]);
    }
  });

  it("follows the bureau's decision over the keywords", () => {
    expect(fields({ ...unsupervised, context: { ...jiading, directRegistration: true } })).toEqual([]);
    const direct = withApp(valid.social_service, {});
    expect(fields({ ...direct, context: { ...jiading, directRegistration: false } })).toEqual([
      "supervisoryUnit",
    ]);
  });
});

describe("requiredMaterials and decisionLimitDays", () => {
  it("adds the supervisory unit's approval only when there is a supervisory unit", () => {
    expect(requiredMaterials(valid.social_group.app, settings)).toEqual([
      ...COMMON,
      "member_list",
      "supervisory_unit_approval",
    ]);
    expect(requiredMaterials(valid.social_service.app, settings)).toEqual(COMMON);
  });

  it("gives the promised limit in working days per type", () => {
    expect(decisionLimitDays("social_group", settings)).toBe(20);
    const faster = {
      ...settings,
      decisionLimitWorkingDays: { ...settings.decisionLimitWorkingDays, foundation: 12 },
    };
    expect(decisionLimitDays("foundation", faster)).toBe(12);
  });
});

describe("with a jurisdiction's settings and division names", () => {
  it("checks an application the way a handler would call it", () => {
    const jurisdictionSettings = settingsFor("310114");
    const context: RegistrationContext = {
      jurisdictionName: divisionName("310114") ?? "",
      level: jurisdictionSettings.level,
      areaNames: areaNames("310114"),
    };
    expect(
      checkRegistrationApplication(valid.social_group.app, jurisdictionSettings.registration, context),
    ).toEqual([]);
  });
});
