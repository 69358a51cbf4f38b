import { assessmentDefaults } from "./assessment.js";
import type { JurisdictionSettings, MajorEventRule, MajorEventType, MaterialKind } from "./schema.js";

const COMMON_MATERIALS: MaterialKind[] = [
  "application_form",
  "charter",
  "domicile_proof",
  "capital_verification",
  "leaders_resumes",
  "name_precheck",
];

const reviewedBefore: MajorEventRule = {
  when: "before",
  period: 15,
  unit: "calendar_days",
  handling: "review",
  leadsToChange: false,
};
const filedAfter: MajorEventRule = {
  when: "after",
  period: 10,
  unit: "working_days",
  handling: "file_only",
  leadsToChange: false,
};

/** DOMAIN.md section 7, the catalogue a bureau starts from. */
const MAJOR_EVENTS: Record<MajorEventType, MajorEventRule> = {
  congress_election: reviewedBefore,
  legal_rep_change: { ...filedAfter, leadsToChange: true },
  charter_amendment: { ...filedAfter, handling: "review", leadsToChange: true },
  large_event: reviewedBefore,
  commendation: reviewedBefore,
  foreign_cooperation: reviewedBefore,
  branch_setup: reviewedBefore,
  investment: reviewedBefore,
  litigation: filedAfter,
  emergency: { when: "after", period: 24, unit: "hours", handling: "follow_up", leadsToChange: false },
  external_penalty: filedAfter,
};

/** National defaults (DOMAIN.md); `level` is replaced by the one derived from the jurisdiction's code. */
export const nationalDefaults: JurisdictionSettings = {
  level: "national",
  registration: {
    // Bureaus promise less than the statutory limits.
    decisionLimitWorkingDays: { social_group: 20, social_service: 20, foundation: 20 },
    statutoryDecisionLimitDays: { social_group: 30, social_service: 60, foundation: 60 },
    acceptanceWorkingDays: 5,
    supplementPeriodDays: 30,
    // 成立“一件事”: preparation and establishment in one application.
    twoStageSocialGroups: false,
    requiredMaterials: {
      social_group: [...COMMON_MATERIALS, "member_list"],
      social_service: [...COMMON_MATERIALS],
      foundation: [...COMMON_MATERIALS],
    },
    minimumFundsCny: {
      social_group: { national: 100_000, local: 30_000 },
      social_service: 30_000,
      foundation: { national_public: 8_000_000, local_public: 4_000_000, non_public: 2_000_000 },
    },
    minimumMembers: { individual: 50, unit: 30, mixed: 50 },
  },
  queueThresholds: { warningWorkingDays: 3 },
  annualInspection: {
    supervisoryUnitDue: "03-31",
    // Foundations' regulation says 31 March; many bureaus run one season to 31 May.
    registrationAuthorityDue: { social_group: "05-31", social_service: "05-31", foundation: "05-31" },
    simplifiedFromGrade: "4A",
    reviewWorkingDays: 20,
    rectificationDays: 30,
  },
  reminders: {
    smsQuietHours: { start: "21:00", end: "08:00" },
    locale: "zh-CN",
    portalUrl: "http://localhost:3000",
    regulatorContacts: { queue: {}, supervisor: {} },
  },
  assessment: assessmentDefaults,
  domesticSms: { signName: "", templates: {} },
  restrictedPersonYears: 5,
  gradeValidityYears: 5,
  termYears: 5,
  leaderAgeLimit: 70,
  majorEvents: {
    catalogue: MAJOR_EVENTS,
    summaryDays: 15,
    responseWorkingDaysBeforeEvent: 1,
    responseWorkingDays: 10,
    followUpWorkingDays: 1,
  },
  nameCheck: {
    // 名称不得含有 the names of state organs, nor suggest one (verify per bureau).
    forbiddenWords: ["人民政府", "政府", "人大", "政协", "法院", "检察院", "公安", "部队", "军区"],
    // 非全国性社会组织 may not call itself 中国, 全国, 中华, 国际 or 世界.
    nationalOnlyWords: ["中国", "中华", "全国", "国家", "国际", "世界"],
    similarEdits: 1,
    similarMinLength: 6,
  },
  change: {
    decisionLimitWorkingDays: { social_group: 20, social_service: 20, foundation: 20 },
    filingDays: 30,
    requiredMaterials: ["application_form", "change_resolution"],
    consentFields: [
      "name",
      "domicile",
      "legalRepresentative",
      "businessScope",
      "fundsCny",
      "supervisoryUnit",
    ],
    consentWorkingDays: 10,
  },
  deregistration: {
    decisionLimitWorkingDays: { social_group: 20, social_service: 20, foundation: 20 },
    filingDays: 15,
    requiredMaterials: ["application_form", "liquidation_report"],
    consentWorkingDays: 10,
  },
};
