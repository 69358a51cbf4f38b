import { z } from "@hono/zod-openapi";
import { ASSESSMENT_MATERIALS } from "../../shared/domain/assessment/index.js";
import { isValidIsoDate } from "../../shared/domain/calendar/index.js";
import { validateResidentId } from "../../shared/domain/identifiers/index.js";
import { isKnownDivision, majorEventTypeSchema, materialKindSchema } from "../../shared/settings/index.js";

export const orgTypeSchema = z.enum(["social_group", "social_service", "foundation"]);

export const jurisdictionSchema = z
  .string()
  .regex(/^\d{6}$/, "a 6-digit administrative division code")
  .refine(isKnownDivision, "unknown administrative division code (GB/T 2260)")
  .openapi({ example: "310114" });

/** 街道/乡镇: a 9-digit code of the 统计用区划代码; whether it lies in the jurisdiction is the use case's check. */
export const streetCodeSchema = z
  .string()
  .regex(/^\d{9}$/, "a 9-digit street or town code (统计用区划代码)")
  .openapi({ example: "310114102" });

/** A division to read, or a street or town within one. */
export const areaSchema = z.union([jurisdictionSchema, streetCodeSchema]);

export const isoDateSchema = z
  .string()
  .refine(isValidIsoDate, "a date YYYY-MM-DD")
  .openapi({ example: "2025-06-03" });

export const mobileSchema = z
  .string()
  .regex(/^(\+86)?1[3-9]\d{9}$/, "a mainland mobile number")
  .openapi({ example: "13800138000" });

export const residentIdSchema = z
  .string()
  .superRefine((value, ctx) => {
    const checked = validateResidentId(value);
    if (!checked.ok) ctx.addIssue({ code: "custom", message: `${checked.problem}: ${checked.message}` });
  })
  .openapi({ example: "11010519491231002X" });

export const contactSchema = z.object({ email: z.email(), phone: mobileSchema });

export const materialSchema = z.object({ kind: materialKindSchema, ref: z.string().min(1).max(500) });

export const registrationSchema = z
  .object({
    orgType: orgTypeSchema,
    name: z.string().min(1).max(100),
    jurisdiction: jurisdictionSchema,
    domicile: z.string().min(1).max(200),
    streetCode: streetCodeSchema.optional(),
    businessScope: z.string().min(1).max(2000),
    fundsCny: z.number().int().nonnegative(),
    legalRepresentative: z.object({
      name: z.string().min(1).max(50),
      idNumber: residentIdSchema,
      phone: mobileSchema,
    }),
    contact: contactSchema,
    supervisoryUnit: z.string().min(1).max(100).optional(),
    members: z
      .object({ individual: z.number().int().nonnegative(), unit: z.number().int().nonnegative() })
      .optional(),
    materials: z.array(materialSchema).max(50),
    foundationKind: z.enum(["national_public", "local_public", "non_public"]).optional(),
  })
  .openapi("RegistrationApplication");

/** What an organization files for grade assessment (等级评估) besides its self-assessment. */
export const assessmentMaterialSchema = z.object({
  kind: z.enum([...ASSESSMENT_MATERIALS, "other"]),
  ref: z.string().min(1).max(500),
});

/** An application for grade assessment: the self-assessment by leaf indicator, and the materials. */
export const assessmentSchema = z
  .object({
    selfAssessment: z.object({
      scores: z.record(z.string().max(64), z.number()),
      summary: z.string().min(1).max(20_000),
    }),
    materials: z.array(assessmentMaterialSchema).max(100),
  })
  .openapi("AssessmentApplication");

export const supplementSchema = z
  .object({
    materials: z
      .array(z.union([materialSchema, assessmentMaterialSchema]))
      .min(1)
      .max(50),
  })
  .openapi("Supplement");

export const decisionSchema = z
  .object({
    outcome: z.string().min(1),
    reason: z.string().max(2000).optional(),
    /** assessment_panel: a score for every leaf indicator, by its id. */
    scores: z.record(z.string().max(64), z.number()).optional(),
    /** assessment_panel: bonus points, where the bureau awards them. */
    bonus: z.number().optional(),
    /** assessment_review with outcome change: the grade the re-review gives. */
    grade: z.enum(["5A", "4A", "3A", "2A", "1A"]).optional(),
  })
  .openapi("Decision");

export const gradeSchema = z.object({
  level: z.enum(["5A", "4A", "3A", "2A", "1A"]),
  validUntil: isoDateSchema,
});

export const legalRepresentativeSchema = z.object({
  name: z.string().min(1).max(50),
  idNumber: residentIdSchema,
  phone: mobileSchema,
});

export const leaderSchema = z
  .object({
    name: z.string().min(1).max(50),
    post: z.string().min(1).max(50),
    birthDate: isoDateSchema,
    idNumber: residentIdSchema.optional(),
    official: z.enum(["none", "serving", "retired"]),
    approvalRef: z.string().min(1).max(200).optional(),
  })
  .openapi("Leader");

export const majorEventSchema = z
  .object({
    eventType: majorEventTypeSchema,
    eventDate: isoDateSchema,
    title: z.string().min(1).max(200),
    details: z.string().min(1).max(5000),
    election: z
      .object({
        leaders: z.array(leaderSchema).min(1).max(100),
        legalRepresentative: legalRepresentativeSchema.optional(),
        termYears: z.number().int().min(1).max(10).optional(),
      })
      .optional(),
  })
  .openapi("MajorEventReport");

export const eventSummarySchema = z.object({ text: z.string().min(1).max(20000) }).openapi("EventSummary");

export const nameCheckSchema = z
  .object({ orgType: orgTypeSchema, jurisdiction: jurisdictionSchema, name: z.string().min(1).max(100) })
  .openapi("NameCheck");

export const changeSchema = z
  .object({
    changes: z.strictObject({
      name: z.string().min(1).max(100).optional(),
      domicile: z.string().min(1).max(200).optional(),
      streetCode: streetCodeSchema.optional(),
      legalRepresentative: legalRepresentativeSchema.optional(),
      businessScope: z.string().min(1).max(2000).optional(),
      fundsCny: z.number().int().nonnegative().optional(),
      supervisoryUnit: z.string().max(100).optional(),
    }),
    materials: z.array(materialSchema).max(50),
  })
  .openapi("ChangeApplication");

export const deregistrationSchema = z
  .object({
    reason: z.string().min(1).max(2000),
    liquidation: z.object({ reportRef: z.string().min(1).max(500), completedOn: isoDateSchema }),
    materials: z.array(materialSchema).max(50),
  })
  .openapi("DeregistrationApplication");

export const importOrganizationSchema = z
  .object({
    uscc: z.string().min(1),
    name: z.string().min(1).max(100),
    orgType: orgTypeSchema,
    jurisdiction: jurisdictionSchema,
    registeredOn: isoDateSchema,
    domicile: z.string().max(200).optional(),
    streetCode: streetCodeSchema.optional(),
    businessScope: z.string().max(2000).optional(),
    legalRepresentative: z
      .object({ name: z.string().min(1), idNumber: residentIdSchema, phone: mobileSchema })
      .optional(),
    contact: contactSchema,
    supervisoryUnit: z.string().max(100).optional(),
    grade: gradeSchema.optional(),
    term: z
      .object({ start: isoDateSchema, end: isoDateSchema })
      .refine((t) => !isValidIsoDate(t.start) || !isValidIsoDate(t.end) || t.end >= t.start, {
        path: ["end"],
        message: "before the term's start",
      })
      .optional(),
    leaders: z.array(leaderSchema).max(100).optional(),
  })
  .openapi("OrganizationImport");

export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi("Error");

export const queueSchema = z.enum([
  "registration",
  "annual_inspection",
  "supervisory_review",
  "assessment",
  "assessment_panel",
  "assessment_committee",
  "assessment_review",
  "public_notice",
  "major_event",
  "change",
  "deregistration",
]);
