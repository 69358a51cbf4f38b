import { assessmentDefaults } from "./assessment.js";
import type { JurisdictionSettings, MaterialKind } from "./schema.js";

const COMMON_MATERIALS: MaterialKind[] = [
  "application_form",
  "charter",
  "domicile_proof",
  "capital_verification",
  "leaders_resumes",
  "name_precheck",
];

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
};
