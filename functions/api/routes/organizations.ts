import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ImportedOrganization } from "../../../shared/domain/organizations/imported.js";
import { importOrganization } from "../../../shared/usecases/import-organization.js";
import { listOrganizationDeadlines } from "../../../shared/usecases/list-organization-deadlines.js";
import { listRegister } from "../../../shared/usecases/list-register.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { organizationTimeline } from "../../../shared/usecases/view-organization-timeline.js";
import { publicRecord } from "../../../shared/usecases/view-public-record.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, idempotencyHeaders, idempotencyOf, respond } from "../respond.js";
import { areaSchema, importOrganizationSchema, orgTypeSchema } from "../schemas.js";

const usccParam = z.object({ uscc: z.string().min(1).max(40).openapi({ example: "51310114MA1K3T5X1B" }) });

export function organizationRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/organizations/{uscc}",
      summary: "The public record of an organization — no token",
      security: [],
      request: { params: usccParam },
      responses: { 200: { description: "Public record" }, ...errorResponses },
    }),
    async (c) => respond(c, await publicRecord(deps, c.req.valid("param").uscc)),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/organizations/{uscc}/deadlines",
      middleware: [requireRole("org", "regulator", "admin")] as const,
      summary: "An organization's deadlines — the org, or its regulator",
      request: { params: usccParam },
      responses: { 200: { description: "Deadlines" }, ...errorResponses },
    }),
    async (c) => respond(c, await listOrganizationDeadlines(deps, principalOf(c), c.req.valid("param").uscc)),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/organizations/{uscc}/timeline",
      middleware: [requireRole("org", "regulator", "admin")] as const,
      summary: "An organization's own timeline — the org, or its regulator",
      request: { params: usccParam },
      responses: { 200: { description: "Events, oldest first" }, ...errorResponses },
    }),
    async (c) => respond(c, await organizationTimeline(deps, principalOf(c), c.req.valid("param").uscc)),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/organizations",
      middleware: [requireRole("regulator", "admin")] as const,
      summary:
        "登记名册: the register of an area, a page at a time, or searched by name — regulator (a district its own, a city one of its districts, a street or town grant its own street's), admin",
      request: {
        query: z.object({
          jurisdiction: areaSchema.optional(),
          q: z.string().trim().min(1).max(100).optional(),
          orgType: orgTypeSchema.optional(),
          status: z.enum(["registered", "deregistered", "revoked"]).optional(),
          after: z.string().min(1).max(1000).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: { 200: { description: "Organizations" }, ...errorResponses },
    }),
    async (c) => respond(c, await listRegister(deps, principalOf(c), c.req.valid("query"))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/organizations",
      middleware: [requireRole("regulator", "admin")] as const,
      summary: "Import an existing organization — regulator of its jurisdiction, or admin",
      request: {
        headers: idempotencyHeaders,
        body: { required: true, content: { "application/json": { schema: importOrganizationSchema } } },
      },
      responses: { 201: { description: "Imported" }, ...errorResponses },
    }),
    async (c) => {
      const principal = principalOf(c);
      const body = c.req.valid("json") as ImportedOrganization;
      const out = await importOrganization(deps, principal, body, idempotencyOf(c, principal, body));
      return respond(c, out.body, out.status);
    },
  );
}
