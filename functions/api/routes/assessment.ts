import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type AssessmentRequest, applyForAssessment } from "../../../shared/usecases/apply-for-assessment.js";
import {
  changeGrade,
  GRADE_CHANGE_GROUNDS,
  type GradeChange,
} from "../../../shared/usecases/change-grade.js";
import { fileObjection } from "../../../shared/usecases/file-objection.js";
import { listAssessmentRounds } from "../../../shared/usecases/list-assessment-rounds.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { viewAssessmentIndicators } from "../../../shared/usecases/view-assessment-indicators.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, idempotencyHeaders, respond } from "../respond.js";
import { assessmentSchema, orgTypeSchema } from "../schemas.js";
import { orgFilingRoute, usccParam } from "./org-filing.js";

const caseIdParam = z.object({ caseId: z.string().min(1).max(64) });

const objectionSchema = z
  .object({
    reason: z.string().trim().min(1).max(5000),
    contact: z.string().trim().min(3).max(200).optional(),
  })
  .openapi("Objection");

const gradeChangeSchema = z
  .object({
    action: z.enum(["downgrade", "withdraw"]),
    level: z.enum(["5A", "4A", "3A", "2A", "1A"]).optional(),
    ground: z.enum(GRADE_CHANGE_GROUNDS),
    reason: z.string().trim().min(1).max(2000),
  })
  .openapi("GradeChange");

export function assessmentRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  orgFilingRoute<AssessmentRequest>(
    app,
    {
      path: "assessments",
      summary: "Apply for grade assessment (等级评估) with a self-assessment — the org itself",
      schema: assessmentSchema,
      created: { description: "Case opened" },
      ownUscc: true,
      refusals: { 422: { description: "not_eligible: one `details` entry per reason" } },
    },
    (principal, uscc, body, idem) => applyForAssessment(deps, principal, uscc, body, idem),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/assessment-indicators",
      middleware: [requireRole("org", "regulator", "admin")] as const,
      summary: "The indicator tree in force, with the grade thresholds — any token",
      request: {
        query: z.object({
          orgType: orgTypeSchema,
          jurisdiction: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
      responses: { 200: { description: "Indicator tree" }, ...errorResponses },
    }),
    async (c) => respond(c, await viewAssessmentIndicators(deps, principalOf(c), c.req.valid("query"))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cases/{caseId}/objections",
      summary: "Object to a result on public notice (公示异议) — any token, or none with a contact",
      security: [],
      request: {
        params: caseIdParam,
        headers: idempotencyHeaders,
        body: { required: true, content: { "application/json": { schema: objectionSchema } } },
      },
      responses: { 201: { description: "Objection taken" }, ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const out = await fileObjection(
        deps,
        c.get("principal"),
        c.req.valid("param").caseId,
        { reason: body.reason, ...(body.contact ? { contact: body.contact } : {}) },
        c.req.header("idempotency-key"),
      );
      return respond(c, out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/assessment-rounds",
      middleware: [requireRole("regulator")] as const,
      summary: "The jurisdiction's assessment cases by stage — regulator",
      responses: { 200: { description: "Stages" }, ...errorResponses },
    }),
    async (c) => respond(c, await listAssessmentRounds(deps, principalOf(c))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/organizations/{uscc}/grade-changes",
      middleware: [requireRole("regulator", "admin")] as const,
      summary: "Downgrade or withdraw a grade (降级 / 撤销等级) on the grounds the rules give — regulator",
      request: {
        params: usccParam,
        body: { required: true, content: { "application/json": { schema: gradeChangeSchema } } },
      },
      responses: { 200: { description: "Changed" }, ...errorResponses },
    }),
    async (c) =>
      respond(
        c,
        await changeGrade(
          deps,
          principalOf(c),
          c.req.valid("param").uscc,
          c.req.valid("json") as GradeChange,
        ),
      ),
  );
}
