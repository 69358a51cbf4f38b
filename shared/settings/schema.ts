import { z } from "zod";
import { assessmentSettingsSchema } from "./assessment.js";
import { isKnownDivision } from "./divisions/index.js";

export const jurisdictionLevelSchema = z.enum(["national", "provincial", "city", "county"]);
export type JurisdictionLevel = z.infer<typeof jurisdictionLevelSchema>;

/** Codes of registration materials as the API names them (DOMAIN.md section 3). */
export const materialKindSchema = z.enum([
  "application_form",
  "charter",
  "supervisory_unit_approval",
  "domicile_proof",
  "capital_verification",
  "leaders_resumes",
  "member_list",
  "name_precheck",
  "founding_congress_minutes",
  "change_resolution",
  "liquidation_report",
  // 离任审计: the outgoing legal representative's departure audit, for a change of legal representative.
  "departure_audit",
]);
export type MaterialKind = z.infer<typeof materialKindSchema>;

export const gradeSchema = z.enum(["5A", "4A", "3A", "2A", "1A"]);
export type Grade = z.infer<typeof gradeSchema>;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// A yearly deadline such as "05-31"; 02-29 is allowed and left to the calendar to resolve.
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, "expected MM-DD")
  .refine((s) => {
    const month = Number(s.slice(0, 2));
    const day = Number(s.slice(3));
    return day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
  }, "not a day of the year");

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");

const days = z.number().int().positive();
const contactSchema = z.strictObject({ email: z.email().optional(), phone: z.string().min(5).optional() });
const count = z.number().int().nonnegative();
const cny = z.number().int().nonnegative();

const perOrgType = <T extends z.ZodType>(value: T) =>
  z.strictObject({ social_group: value, social_service: value, foundation: value });

// Strict objects everywhere: a misspelt key in an override must fail, not be silently ignored.
export const registrationSettingsSchema = z.strictObject({
  /** Decision limit the bureau promises (承诺时限), in working days from acceptance. */
  decisionLimitWorkingDays: perOrgType(days),
  /** Statutory limit in calendar days: 30 for social groups, 60 for the others. */
  statutoryDecisionLimitDays: perOrgType(days),
  /** 受理: accept or ask once for everything missing (一次性告知) within this many working days. */
  acceptanceWorkingDays: days,
  /** 补正 period; an unanswered request closes the case as withdrawn. */
  supplementPeriodDays: days,
  /** Separate preparation (筹备) stage for social groups instead of one combined application. */
  twoStageSocialGroups: z.boolean(),
  /** Always required; supervisory_unit_approval is added by a rule when there is a supervisory unit. */
  requiredMaterials: perOrgType(z.array(materialKindSchema)),
  minimumFundsCny: z.strictObject({
    social_group: z.strictObject({ national: cny, local: cny }),
    social_service: cny,
    foundation: z.strictObject({ national_public: cny, local_public: cny, non_public: cny }),
  }),
  /** Social groups: individual members only, unit members only, or mixed (total). */
  minimumMembers: z.strictObject({ individual: count, unit: count, mixed: count }),
});

/** One approved template of the domestic SMS provider, and which message variable fills each of its parameters. */
const smsTemplateSchema = z.strictObject({
  code: z.string().regex(/^SMS_\d+$/, "expected an approved template code such as SMS_123456789"),
  params: z.record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "expected a template parameter name"),
    z.string().min(1),
  ),
});

/** The event types of the major-event catalogue (重大事项报告), as the API names them (DOMAIN.md section 7). */
export const majorEventTypeSchema = z.enum([
  "congress_election",
  "legal_rep_change",
  "charter_amendment",
  "large_event",
  "commendation",
  "foreign_cooperation",
  "branch_setup",
  "investment",
  "litigation",
  "emergency",
  "external_penalty",
]);
export type MajorEventType = z.infer<typeof majorEventTypeSchema>;

/** One catalogue entry: reported before or after the event, within how long, and what the bureau does with it. */
export const majorEventRuleSchema = z.strictObject({
  when: z.enum(["before", "after"]),
  /** How long before (at the latest) or after (within); hours count from the event day, for emergencies. */
  period: z.number().int().positive(),
  unit: z.enum(["calendar_days", "working_days", "hours"]),
  /** review: the bureau answers before the event; follow_up: the bureau follows it up; file_only: filed at once. */
  handling: z.enum(["review", "follow_up", "file_only"]),
  /** The event may need a change registration (变更登记) afterwards. */
  leadsToChange: z.boolean(),
});
export type MajorEventRule = z.infer<typeof majorEventRuleSchema>;

const fieldSchema = z.enum([
  "name",
  "domicile",
  "streetCode",
  "legalRepresentative",
  "businessScope",
  "fundsCny",
  "supervisoryUnit",
]);
export type ChangeableField = z.infer<typeof fieldSchema>;

export const jurisdictionSettingsSchema = z.strictObject({
  level: jurisdictionLevelSchema,
  registration: registrationSettingsSchema,
  queueThresholds: z.strictObject({
    /** A case shows as warning from this many working days left down to 0, overdue below 0. */
    warningWorkingDays: count,
  }),
  annualInspection: z.strictObject({
    supervisoryUnitDue: monthDay,
    registrationAuthorityDue: perOrgType(monthDay),
    /** 4A and above may take the simplified procedure. */
    simplifiedFromGrade: gradeSchema,
    /** Working days the bureau gives itself to review a filed report. */
    reviewWorkingDays: days,
    /** Calendar days an organization has to rectify (整改) after 基本合格 or 不合格. */
    rectificationDays: days,
  }),
  reminders: z.strictObject({
    smsQuietHours: z.strictObject({ start: timeOfDay, end: timeOfDay }),
    locale: z.enum(["zh-CN", "en"]),
    /** Where links in messages point (the bureau's portal). */
    portalUrl: z.url(),
    /** Where reminders and escalations for the bureau's own people go; unset, they show in the queues only. */
    regulatorContacts: z.strictObject({ queue: contactSchema, supervisor: contactSchema }),
  }),
  assessment: assessmentSettingsSchema,
  /**
   * Domestic SMS (Alibaba Cloud SMS) sends only approved templates under an approved signature (签名, the
   * text inside 【】): per message kind, the template code and its parameters. A kind without one is not sent by SMS.
   */
  domesticSms: z.strictObject({
    signName: z.string().max(30),
    templates: z.record(z.string().regex(/^[a-z][a-z_]*$/, "expected a message kind"), smsTemplateSchema),
  }),
  /** 限制人员: years a responsible person of a revoked or banned organization may not lead one. */
  restrictedPersonYears: days,
  gradeValidityYears: days,
  /** 届期 when the charter says nothing else. */
  termYears: days,
  leaderAgeLimit: days,
  majorEvents: z.strictObject({
    catalogue: z.strictObject(
      Object.fromEntries(majorEventTypeSchema.options.map((type) => [type, majorEventRuleSchema])) as Record<
        MajorEventType,
        typeof majorEventRuleSchema
      >,
    ),
    /** 事后总结: calendar days after an event reported in advance by which its summary is due. */
    summaryDays: days,
    /** The bureau answers a reviewed event this many working days before it happens. */
    responseWorkingDaysBeforeEvent: days,
    /** Working days the bureau takes to answer an event reported after it happened. */
    responseWorkingDays: days,
    /** Working days within which the bureau follows up an emergency (突发事件). */
    followUpWorkingDays: days,
  }),
  /** 名称核准. */
  nameCheck: z.strictObject({
    /** Words no name may contain (names of state organs and the like). */
    forbiddenWords: z.array(z.string().min(1)),
    /** Words only a national organization's name may contain (中国, 全国, 中华 …). */
    nationalOnlyWords: z.array(z.string().min(1)),
    /** Two names whose distinctive parts (the name without area and kind) differ by this many characters or fewer are too close… */
    similarEdits: count,
    /** …when the shorter distinctive part has at least this many characters (摄影 and 摄像 are told apart by one). */
    similarMinLength: days,
  }),
  /** 变更登记: decided on the same clock as registration. */
  change: z.strictObject({
    decisionLimitWorkingDays: perOrgType(days),
    /** 30 days of the change (after supervisory consent where required). */
    filingDays: days,
    requiredMaterials: z.array(materialKindSchema),
    /** Fields whose change needs the supervisory unit's consent under dual management. */
    consentFields: z.array(fieldSchema),
    /** Working days the supervisory unit is given to consent; the bureau's clock starts after it. */
    consentWorkingDays: days,
  }),
  /** 注销登记. */
  deregistration: z.strictObject({
    decisionLimitWorkingDays: perOrgType(days),
    /** Days after the liquidation ends within which to apply (verify). */
    filingDays: days,
    requiredMaterials: z.array(materialKindSchema),
    /** Working days the supervisory unit is given to consent; the bureau's clock starts after it. */
    consentWorkingDays: days,
  }),
});

export type JurisdictionSettings = z.infer<typeof jurisdictionSettingsSchema>;
export type RegistrationSettings = JurisdictionSettings["registration"];

/** Objects become partial at every depth; arrays and values are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type JurisdictionOverride = DeepPartial<JurisdictionSettings>;

function deepPartial(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject)) return schema;
  const shape = Object.fromEntries(
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, value]) => [
      key,
      deepPartial(value).optional(),
    ]),
  );
  return z.strictObject(shape);
}

/** One jurisdiction's override: any subset of the settings, checked field by field. */
export const jurisdictionOverrideSchema = deepPartial(
  jurisdictionSettingsSchema,
) as z.ZodType<JurisdictionOverride>;

/** Overrides keyed by 6-digit division code ("310000", "310114"). */
export type SettingsOverrides = Record<string, JurisdictionOverride>;

// Codes are checked here rather than in the key schema so the message says what is wrong with the key.
export const settingsOverridesSchema: z.ZodType<SettingsOverrides> = z
  .record(z.string(), jurisdictionOverrideSchema)
  .superRefine((overrides, ctx) => {
    for (const code of Object.keys(overrides)) {
      if (!isKnownDivision(code)) {
        ctx.addIssue({
          code: "custom",
          path: [code],
          message: "not a known division code (GB/T 2260, 6 digits)",
        });
      }
    }
  });
