import { z } from "zod";
import {
  DEFAULT_GRADE_THRESHOLDS,
  gradeThresholdProblems,
  type Indicator,
  indicatorSystemProblems,
} from "../domain/assessment/index.js";

const points = z.number().int().nonnegative();
const years = z.number().int().positive();

const indicatorSchema: z.ZodType<Indicator> = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "lower-case letters, digits and _"),
  name: z.string().min(1),
  max: z.number().int().positive(),
  get children() {
    return z.array(indicatorSchema).min(1).optional();
  },
});

/** A bureau's own indicator system for one type, from one year on (评估指标体系). */
const indicatorSystemSchema = z
  .strictObject({
    version: z.string().min(1),
    jurisdiction: z.string().regex(/^\d{6}$/),
    orgType: z.enum(["social_group", "social_service", "foundation"]),
    fromYear: z.number().int().min(2000).max(2100),
    maxScore: z.literal(1000),
    indicators: z.array(indicatorSchema).min(1),
  })
  .superRefine((system, ctx) => {
    for (const message of indicatorSystemProblems(system))
      ctx.addIssue({ code: "custom", path: ["indicators"], message });
  });

export const assessmentSettingsSchema = z.strictObject({
  /** The lowest total for each grade; each must need more than the one below. */
  thresholds: z
    .strictObject({ "5A": points, "4A": points, "3A": points, "2A": points, "1A": points })
    .superRefine((thresholds, ctx) => {
      for (const p of gradeThresholdProblems(thresholds))
        ctx.addIssue({ code: "custom", path: [p.grade], message: p.message });
    }),
  /** 加分项: points a panel may add on top of the 1,000 (0 where the bureau adds none). */
  bonusMaxPoints: points.max(100),
  /** 公示期 in working days, the day of publication not counted. */
  publicNoticeWorkingDays: years,
  /** Years after which a graded organization may apply for a higher grade; null where the bureau does not allow it. */
  moveUpAfterYears: years.nullable(),
  /** Years a withdrawn organization may not apply again. */
  withdrawalBanYears: years,
  /** Working days each review stage gives itself (preliminary review, panel, committee, 复核). */
  stageWorkingDays: years,
  /** 补正 period of the preliminary review, in calendar days. */
  supplementPeriodDays: years,
  /** The bureau's own systems; where none is in force for a type and year, the national default applies. */
  indicatorSystems: z.array(indicatorSystemSchema),
});

export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;

export const assessmentDefaults: AssessmentSettings = {
  thresholds: { ...DEFAULT_GRADE_THRESHOLDS },
  bonusMaxPoints: 0,
  publicNoticeWorkingDays: 7,
  moveUpAfterYears: null,
  withdrawalBanYears: 2,
  stageWorkingDays: 20,
  supplementPeriodDays: 15,
  indicatorSystems: [],
};
