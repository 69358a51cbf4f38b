import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { RegistrationApplication } from "../../../shared/domain/registration/index.js";
import { submitSupplement } from "../../../shared/usecases/file-supplement.js";
import { listMyCases } from "../../../shared/usecases/list-my-cases.js";
import { submitRegistration } from "../../../shared/usecases/submit-registration.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { viewCase } from "../../../shared/usecases/view-case.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, idempotencyHeaders, idempotencyOf, respond } from "../respond.js";
import { registrationSchema, supplementSchema } from "../schemas.js";

const caseIdParam = z.object({ caseId: z.string().min(1).max(64) });

const caseView = z
  .object({
    caseId: z.string(),
    kind: z.string(),
    status: z.string(),
    uscc: z.string().optional(),
    deadlines: z.array(z.object({ kind: z.string(), dueDate: z.string(), status: z.string() })),
    timeline: z.array(
      z.object({ at: z.string(), actor: z.string(), action: z.string(), note: z.string().optional() }),
    ),
  })
  .openapi("Case");

export function caseRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/registrations",
      middleware: [requireRole("org")] as const,
      summary: "Apply for registration (成立登记) — org",
      request: {
        headers: idempotencyHeaders,
        body: { required: true, content: { "application/json": { schema: registrationSchema } } },
      },
      responses: {
        201: {
          description: "Case opened",
          content: { "application/json": { schema: z.object({ caseId: z.string(), status: z.string() }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const body = c.req.valid("json") as RegistrationApplication;
      const out = await submitRegistration(deps, principal, body, idempotencyOf(c, principal, body));
      return respond(c, out.body, out.status);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/cases",
      middleware: [requireRole("org")] as const,
      summary: "The calling organization's cases — org",
      responses: { 200: { description: "Cases" }, ...errorResponses },
    }),
    async (c) => respond(c, await listMyCases(deps, principalOf(c))),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/cases/{caseId}",
      middleware: [requireRole("org", "regulator", "supervisory_unit", "admin")] as const,
      summary:
        "A case with its deadlines and timeline — owner org, regulator of the jurisdiction, or the supervisory unit that reviews it",
      request: { params: caseIdParam },
      responses: {
        200: { description: "The case", content: { "application/json": { schema: caseView } } },
        ...errorResponses,
      },
    }),
    async (c) => respond(c, await viewCase(deps, principalOf(c), c.req.valid("param").caseId)),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/cases/{caseId}/supplements",
      middleware: [requireRole("org")] as const,
      summary: "File the materials a supplement request (补正) asked for — owner org",
      request: {
        params: caseIdParam,
        body: { required: true, content: { "application/json": { schema: supplementSchema } } },
      },
      responses: { 200: { description: "Supplement filed; the case returns to review" }, ...errorResponses },
    }),
    async (c) =>
      respond(
        c,
        await submitSupplement(
          deps,
          principalOf(c),
          c.req.valid("param").caseId,
          c.req.valid("json").materials,
        ),
      ),
  );
}
