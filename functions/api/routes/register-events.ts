import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { MajorEventReport } from "../../../shared/domain/major-events/index.js";
import type {
  ChangeApplication,
  DeregistrationApplication,
} from "../../../shared/domain/registration/index.js";
import { applyForChange } from "../../../shared/usecases/apply-for-change.js";
import { applyForDeregistration } from "../../../shared/usecases/apply-for-deregistration.js";
import { checkNameAvailability } from "../../../shared/usecases/check-name.js";
import { fileEventSummary } from "../../../shared/usecases/file-event-summary.js";
import { reportMajorEvent } from "../../../shared/usecases/report-major-event.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, respond } from "../respond.js";
import {
  changeSchema,
  deregistrationSchema,
  eventSummarySchema,
  majorEventSchema,
  nameCheckSchema,
} from "../schemas.js";
import { orgFilingRoute } from "./org-filing.js";

const caseIdParam = z.object({ caseId: z.string().min(1).max(64) });
const json = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { "application/json": { schema } },
});
const created = z.object({ caseId: z.string(), status: z.string() });

/** 重大事项报告, 名称核准, 变更登记 and 注销登记: what passes between registration and the end of an organization. */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  orgFilingRoute<MajorEventReport>(
    app,
    {
      path: "major-events",
      summary: "Report a major event (重大事项报告) — the org itself",
      schema: majorEventSchema,
      created: {
        description: "Reported; a late report is accepted and marked late",
        schema: z.object({
          caseId: z.string(),
          timing: z.enum(["on_time", "late"]),
          reportBy: z.string(),
          responseDueDate: z.string().optional(),
          summaryDueDate: z.string().optional(),
        }),
      },
    },
    (principal, uscc, body, idem) => reportMajorEvent(deps, principal, uscc, body, idem),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cases/{caseId}/summary",
      middleware: [requireRole("org")] as const,
      summary: "File the summary (事后总结) of an event reported in advance — owner org",
      request: { params: caseIdParam, body: json(eventSummarySchema) },
      responses: {
        200: { description: "Summary filed; the event_summary deadline is met" },
        ...errorResponses,
      },
    }),
    async (c) =>
      respond(
        c,
        await fileEventSummary(deps, principalOf(c), c.req.valid("param").caseId, c.req.valid("json").text),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/name-checks",
      middleware: [requireRole("org", "regulator", "admin")] as const,
      summary: "Check a name before registration (名称核准) — any token",
      request: { body: json(nameCheckSchema) },
      responses: { 200: { description: "Whether the name may be used, and why not" }, ...errorResponses },
    }),
    async (c) => respond(c, await checkNameAvailability(deps, principalOf(c), c.req.valid("json"))),
  );

  orgFilingRoute<ChangeApplication>(
    app,
    {
      path: "changes",
      summary: "Apply for change registration (变更登记) — the org itself",
      schema: changeSchema,
      created: { description: "Case opened", schema: created },
    },
    (principal, uscc, body, idem) => applyForChange(deps, principal, uscc, body, idem),
  );

  orgFilingRoute<DeregistrationApplication>(
    app,
    {
      path: "deregistration",
      summary: "Apply for deregistration (注销登记) after liquidation — the org itself",
      schema: deregistrationSchema,
      created: { description: "Case opened", schema: created },
    },
    (principal, uscc, body, idem) => applyForDeregistration(deps, principal, uscc, body, idem),
  );
}
