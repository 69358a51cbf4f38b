import type { JurisdictionLevel, RegistrationSettings } from "../../settings/index.js";
import type { FieldProblem } from "../errors.js";
import { streetCodeProblems } from "../organizations/street.js";

export type { JurisdictionLevel, RegistrationSettings } from "../../settings/index.js";

/** 社会团体, 社会服务机构 (民办非企业单位), 基金会. */
export type OrgType = "social_group" | "social_service" | "foundation";

export type FoundationKind = "national_public" | "local_public" | "non_public";

/** An application for 成立登记 as submitted, before the bureau accepts it. */
export interface RegistrationApplication {
  orgType: OrgType;
  name: string;
  jurisdiction: string;
  domicile: string;
  /** The street or town (街道/乡镇) of the domicile, 9 digits under the jurisdiction. */
  streetCode?: string;
  businessScope: string;
  fundsCny: number;
  legalRepresentative: { name: string; idNumber: string; phone: string };
  contact: { email: string; phone: string };
  supervisoryUnit?: string;
  members?: { individual: number; unit: number };
  materials: { kind: string; ref: string }[];
  /** Foundations only; a foundation without one is treated as non-public-fundraising. */
  foundationKind?: FoundationKind;
}

export interface RegistrationContext {
  /** The registering bureau's division name, e.g. "嘉定区". */
  jurisdictionName: string;
  level: JurisdictionLevel;
  /** The bureau's decision on 直接登记; when absent, `requiresSupervisoryUnit` decides from name and scope. */
  directRegistration?: boolean;
  /** Further names the organization's name may state for its area, e.g. the parents ["上海市"]. */
  areaNames?: string[];
}

/** Kind words (组织形式) a social group's name may end with. */
export const SOCIAL_GROUP_KIND_WORDS = [
  "协会",
  "学会",
  "研究会",
  "促进会",
  "联合会",
  "商会",
  "联谊会",
  "总会",
  "校友会",
] as const;

/** Kind words a social service organization's name may end with (中心, 学校, 医院 …). */
export const SOCIAL_SERVICE_KIND_WORDS = [
  "中心",
  "院",
  "学校",
  "所",
  "社",
  "馆",
  "站",
  "园",
  "俱乐部",
] as const;

export const FOUNDATION_KIND_WORDS = ["基金会"] as const;

export const KIND_WORDS: Readonly<Record<OrgType, readonly string[]>> = {
  social_group: SOCIAL_GROUP_KIND_WORDS,
  social_service: SOCIAL_SERVICE_KIND_WORDS,
  foundation: FOUNDATION_KIND_WORDS,
};

/** National organizations state the country rather than a division. */
export const NATIONAL_AREA_WORDS = ["中国", "中华", "全国"] as const;

export const NAME_LENGTH = { min: 4, max: 50 } as const;

/** Words in a name or scope marking 直接登记: 行业协会商会, 科技类, 公益慈善类, 城乡社区服务类. */
export const DIRECT_REGISTRATION_KEYWORDS = ["行业协会", "商会", "科技", "慈善", "公益", "社区服务"] as const;

/** 双重管理: whether the organization needs a business supervisory unit (业务主管单位). */
export function requiresSupervisoryUnit(
  app: Pick<RegistrationApplication, "name" | "businessScope">,
): boolean {
  return !DIRECT_REGISTRATION_KEYWORDS.some(
    (word) => app.name.includes(word) || app.businessScope.includes(word),
  );
}

const hasSupervisoryUnit = (app: RegistrationApplication) => (app.supervisoryUnit ?? "").trim() !== "";

/** The jurisdiction's required set for the type, plus the supervisory unit's consent when there is one. */
export function requiredMaterials(app: RegistrationApplication, settings: RegistrationSettings): string[] {
  const required: string[] = [...settings.requiredMaterials[app.orgType]];
  if (hasSupervisoryUnit(app) && !required.includes("supervisory_unit_approval")) {
    required.push("supervisory_unit_approval");
  }
  return required;
}

/** Minimum registered funds in yuan for the type, the bureau's level and, for foundations, the kind. */
export function minimumFunds(
  app: Pick<RegistrationApplication, "orgType" | "foundationKind">,
  settings: RegistrationSettings,
  level: JurisdictionLevel,
): number {
  const minimum = settings.minimumFundsCny;
  switch (app.orgType) {
    case "social_group":
      return level === "national" ? minimum.social_group.national : minimum.social_group.local;
    case "social_service":
      return minimum.social_service;
    case "foundation":
      return minimum.foundation[app.foundationKind ?? "non_public"];
  }
}

/** The decision limit the bureau promises for the type, in working days from acceptance. */
export function decisionLimitDays(orgType: OrgType, settings: RegistrationSettings): number {
  return settings.decisionLimitWorkingDays[orgType];
}

function missingMaterials(app: RegistrationApplication, settings: RegistrationSettings): FieldProblem[] {
  const supplied = new Set(app.materials.filter((m) => m.ref.trim() !== "").map((m) => m.kind));
  const missing = requiredMaterials(app, settings).filter((kind) => !supplied.has(kind));
  if (missing.length === 0) return [];
  return [
    { field: "materials", code: "materials_missing", message: `Missing materials: ${missing.join(", ")}` },
  ];
}

function supervisoryUnitViolations(
  app: RegistrationApplication,
  context: RegistrationContext,
): FieldProblem[] {
  const direct = context.directRegistration ?? !requiresSupervisoryUnit(app);
  if (direct || hasSupervisoryUnit(app)) return [];
  return [
    {
      field: "supervisoryUnit",
      code: "supervisory_unit_missing",
      message:
        "A business supervisory unit (业务主管单位) is required: the organization does not qualify for direct registration",
    },
  ];
}

function fundsViolations(
  app: RegistrationApplication,
  settings: RegistrationSettings,
  context: RegistrationContext,
): FieldProblem[] {
  const minimum = minimumFunds(app, settings, context.level);
  // Written so that NaN fails too.
  if (app.fundsCny >= minimum) return [];
  return [
    {
      field: "fundsCny",
      code: "funds_below_minimum",
      message: `Funds of ${app.fundsCny} yuan are below the minimum of ${minimum} yuan`,
    },
  ];
}

function memberViolations(app: RegistrationApplication, settings: RegistrationSettings): FieldProblem[] {
  if (app.orgType !== "social_group") return [];
  const members = app.members;
  if (members === undefined) {
    return [{ field: "members", code: "members_missing", message: "A social group must state its members" }];
  }
  const minimum = settings.minimumMembers;
  const below = (field: string, count: number, required: number, kind: string): FieldProblem[] =>
    count >= required
      ? []
      : [
          {
            field,
            code: "members_below_minimum",
            message: `${count} ${kind} members; at least ${required} are required`,
          },
        ];
  if (members.individual > 0 && members.unit > 0) {
    return below("members", members.individual + members.unit, minimum.mixed, "individual and unit");
  }
  if (members.unit > 0) return below("members.unit", members.unit, minimum.unit, "unit");
  return below("members.individual", members.individual, minimum.individual, "individual");
}

/** The areas a name of this jurisdiction may state (上海市嘉定区…, or 中国/全国/中华 for a national one). */
export function nameAreas(context: RegistrationContext): string[] {
  return [
    context.jurisdictionName,
    ...(context.areaNames ?? []),
    ...(context.level === "national" ? NATIONAL_AREA_WORDS : []),
  ].filter((area) => area !== "");
}

/** 名称: the length, the area and the kind word a name must have (DOMAIN.md section 3). */
export function nameViolations(
  app: Pick<RegistrationApplication, "name" | "orgType">,
  context: RegistrationContext,
): FieldProblem[] {
  const violations: FieldProblem[] = [];
  const length = [...app.name].length;
  if (length < NAME_LENGTH.min || length > NAME_LENGTH.max) {
    violations.push({
      field: "name",
      code: "name_length",
      message: `A name has ${NAME_LENGTH.min} to ${NAME_LENGTH.max} characters; this one has ${length}`,
    });
  }
  const areas = nameAreas(context);
  if (!areas.some((area) => app.name.includes(area))) {
    violations.push({
      field: "name",
      code: "name_area_missing",
      message: `The name must state the area, e.g. ${areas.join(" or ")}`,
    });
  }
  const kindWords = KIND_WORDS[app.orgType];
  if (!kindWords.some((word) => app.name.endsWith(word))) {
    violations.push({
      field: "name",
      code: "name_kind_word",
      message: `The name must end with the kind of organization: ${kindWords.join(", ")}`,
    });
  }
  return violations;
}

/** Grounds to ask for corrections (补正) before 成立登记; name uniqueness needs the register and is checked elsewhere. */
export function checkRegistrationApplication(
  app: RegistrationApplication,
  settings: RegistrationSettings,
  context: RegistrationContext,
): FieldProblem[] {
  return [
    ...missingMaterials(app, settings),
    ...supervisoryUnitViolations(app, context),
    ...fundsViolations(app, settings, context),
    ...memberViolations(app, settings),
    ...nameViolations(app, context),
    ...streetCodeProblems("streetCode", app.streetCode, app.jurisdiction),
  ];
}
