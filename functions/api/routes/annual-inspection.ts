import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AnnualReport } from "../../../shared/domain/annual-inspection/index.js";
import { fileAnnualReport } from "../../../shared/usecases/file-annual-report.js";
import { submitRectification } from "../../../shared/usecases/file-rectification.js";
import { listAnnualReportSeasons } from "../../../shared/usecases/list-annual-report-seasons.js";
import { startAnnualReportSeason } from "../../../shared/usecases/start-annual-report-season.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, respond } from "../respond.js";
import { isoDateSchema, jurisdictionSchema, materialSchema } from "../schemas.js";
import { orgFilingRoute } from "./org-filing.js";

const cny = z.number().int().nonnegative().max(1e13);
const count = z.number().int().nonnegative().max(1_000_000);

export const annualReportSchema = z
  .object({
    year: z.number().int().min(1990).max(2100),
    activities: z.string().trim().min(1).max(20_000),
    finances: z.object({
      incomeCny: cny,
      expensesCny: cny,
      netAssetsCny: z.number().int().min(-1e13).max(1e13),
      publicWelfareSpendingCny: cny,
      adminCostsCny: cny,
      donationsFromAbroadCny: cny.optional(),
    }),
    governance: z.object({
      meetingsHeld: count,
      termStart: isoDateSchema,
      termEnd: isoDateSchema,
      electionsHeld: count.optional(),
      charterAmended: z.boolean().optional(),
    }),
    leaders: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(50),
          role: z.string().trim().min(1).max(50),
          birthDate: isoDateSchema,
          official: z.enum(["none", "serving", "retired"]),
          approvalRef: z.string().trim().min(1).max(100).optional(),
        }),
      )
      .min(1)
      .max(200),
    staff: z.object({ fullTime: count, partTime: count }),
    branches: count.optional(),
    auditReportRef: z.string().max(500).optional(),
  })
  .openapi("AnnualReport");

export const rectificationSchema = z
  .object({
    note: z.string().trim().min(1).max(5000),
    evidence: z.array(materialSchema.extend({ kind: z.string().min(1).max(50) })).max(50),
  })
  .openapi("Rectification");

export function annualInspectionRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  orgFilingRoute<AnnualReport>(
    app,
    {
      path: "annual-reports",
      summary: "File the annual work report (年度工作报告) — the org itself",
      schema: annualReportSchema,
      created: { description: "Case opened" },
      ownUscc: true,
    },
    (principal, uscc, body, idem) => fileAnnualReport(deps, principal, uscc, body, idem),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/annual-report-seasons",
      middleware: [requireRole("regulator", "admin")] as const,
      summary:
        "Open the annual-report season: a deadline for every organization that must report — regulator",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                year: z.number().int().min(1990).max(2100),
                jurisdiction: jurisdictionSchema.optional(),
              }),
            },
          },
        },
      },
      responses: { 200: { description: "Deadlines created" }, ...errorResponses },
    }),
    async (c) => respond(c, await startAnnualReportSeason(deps, principalOf(c), c.req.valid("json"))),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/annual-report-seasons",
      middleware: [requireRole("regulator", "admin")] as const,
      summary:
        "The seasons opened in the jurisdiction: year, who opened it and when, due dates by type — regulator",
      request: { query: z.object({ jurisdiction: jurisdictionSchema.optional() }) },
      responses: { 200: { description: "Seasons, latest year first" }, ...errorResponses },
    }),
    async (c) =>
      respond(c, await listAnnualReportSeasons(deps, principalOf(c), c.req.valid("query").jurisdiction)),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cases/{caseId}/rectification",
      middleware: [requireRole("org")] as const,
      summary: "File the rectification (整改) an inspection ordered — the org itself",
      request: {
        params: z.object({ caseId: z.string().min(1).max(64) }),
        body: {
          required: true,
          content: {
            "application/json": {
              schema: rectificationSchema,
            },
          },
        },
      },
      responses: { 200: { description: "Filed; the bureau reviews it" }, ...errorResponses },
    }),
    async (c) =>
      respond(
        c,
        await submitRectification(deps, principalOf(c), c.req.valid("param").caseId, c.req.valid("json")),
      ),
  );
}
