import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { exitCreditList } from "../../../shared/usecases/exit-credit-list.js";
import { extendDeadline } from "../../../shared/usecases/extend-deadline.js";
import { listAlerts } from "../../../shared/usecases/list-alerts.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { jurisdictionStats } from "../../../shared/usecases/view-statistics.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, respond } from "../respond.js";
import { areaSchema, isoDateSchema, jurisdictionSchema } from "../schemas.js";

export function supervisionRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/deadlines/{deadlineId}/extension",
      middleware: [requireRole("regulator", "admin")] as const,
      summary: "Extend a deadline with reasons — regulator of its jurisdiction",
      request: {
        params: z.object({ deadlineId: z.string().min(1).max(400) }),
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({ dueDate: isoDateSchema, reason: z.string().trim().min(1).max(2000) })
                .openapi("Extension"),
            },
          },
        },
      },
      responses: { 200: { description: "Extended" }, ...errorResponses },
    }),
    async (c) =>
      respond(
        c,
        await extendDeadline(deps, principalOf(c), c.req.valid("param").deadlineId, c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/organizations/{uscc}/credit-list-exits",
      middleware: [requireRole("regulator", "admin")] as const,
      summary:
        "Remove an organization from a credit list (移出), with the exit date the rules give — regulator",
      request: {
        params: z.object({ uscc: z.string().min(1).max(40) }),
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  list: z.enum(["abnormal", "serious"]),
                  ground: z.string().min(1).max(100),
                  since: isoDateSchema,
                  remedyVerifiedOn: isoDateSchema.optional(),
                })
                .openapi("CreditListExit"),
            },
          },
        },
      },
      responses: { 200: { description: "The entry with its exit date" }, ...errorResponses },
    }),
    async (c) =>
      respond(c, await exitCreditList(deps, principalOf(c), c.req.valid("param").uscc, c.req.valid("json"))),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/alerts",
      middleware: [requireRole("regulator", "admin")] as const,
      summary:
        "Alerts of the regulator's jurisdiction, most severe first — regulator (a street or town grant: its own area's organizations; admin: any jurisdiction)",
      request: {
        query: z.object({
          status: z.enum(["open", "closed"]).default("open"),
          jurisdiction: areaSchema.optional(),
        }),
      },
      responses: { 200: { description: "Alerts" }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return respond(c, await listAlerts(deps, principalOf(c), q.status, q.jurisdiction));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/stats",
      middleware: [requireRole("regulator", "admin")] as const,
      summary: "Counts by type and status, annual-report completion, share graded 3A and above — regulator",
      request: {
        query: z.object({
          year: z.coerce.number().int().min(1990).max(2100).optional(),
          jurisdiction: jurisdictionSchema.optional(),
        }),
      },
      responses: { 200: { description: "Statistics of the jurisdiction" }, ...errorResponses },
    }),
    async (c) => respond(c, await jurisdictionStats(deps, principalOf(c), c.req.valid("query"))),
  );
}
