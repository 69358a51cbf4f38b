import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type GrantScope, scopeNamed } from "../../../shared/domain/access/grants.js";
import { isKnownDivision } from "../../../shared/settings/index.js";
import { grantRole } from "../../../shared/usecases/grant-role.js";
import { inviteMember } from "../../../shared/usecases/invite-member.js";
import { listGrants } from "../../../shared/usecases/list-grants.js";
import { revokeGrant } from "../../../shared/usecases/revoke-grant.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, idempotencyHeaders, idempotencyOf, respond } from "../respond.js";

/** A division a regulator may be granted: a county, city or province code, or a 9-digit street or town under a county. */
const divisionSchema = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, "a 6-digit division code, or a 9-digit street or town code")
  .refine((code) => isKnownDivision(code.slice(0, 6)), "unknown administrative division code (GB/T 2260)")
  .openapi({ example: "310114" });

const who = {
  issuer: z
    .url()
    .max(500)
    .optional()
    .openapi({ description: "the person's identity provider; the admin's own if left out" }),
  sub: z.string().min(1).max(200),
};

const roleGrantSchema = z
  .discriminatedUnion("role", [
    z.object({ ...who, role: z.literal("regulator"), jurisdiction: divisionSchema }),
    z.object({ ...who, role: z.literal("supervisory_unit"), unit: z.string().trim().min(1).max(200) }),
    z.object({ ...who, role: z.literal("admin") }),
  ])
  .openapi("RoleGrant");

const revocationSchema = z
  .discriminatedUnion("role", [
    z.object({ ...who, role: z.literal("org"), uscc: z.string().min(1).max(40) }),
    z.object({ ...who, role: z.literal("regulator"), jurisdiction: divisionSchema }),
    z.object({ ...who, role: z.literal("supervisory_unit"), unit: z.string().trim().min(1).max(200) }),
    z.object({ ...who, role: z.literal("admin") }),
  ])
  .openapi("GrantRevocation");

type Named = z.infer<typeof revocationSchema>;

/** Every body the schemas admit names a scope. */
const scopeOf = (named: Named): GrantScope => scopeNamed(named) as GrantScope;

const person = (named: Named) => ({ sub: named.sub, ...(named.issuer ? { issuer: named.issuer } : {}) });

/** Who may act for whom: an admin's grants and revocations, and an organization's invitations. */
export function grantRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/grants",
      middleware: [requireRole("admin")] as const,
      summary: "Grant a regulator, supervisory-unit or admin role to a person — admin",
      request: {
        headers: idempotencyHeaders,
        body: { required: true, content: { "application/json": { schema: roleGrantSchema } } },
      },
      responses: { 201: { description: "The grant as it stands" }, ...errorResponses },
    }),
    async (c) => {
      const named = c.req.valid("json");
      const scope = scopeOf(named) as Exclude<GrantScope, { kind: "org" }>;
      const principal = principalOf(c);
      const idem = idempotencyOf(c, principal, named);
      return respond(c, await grantRole(deps, principal, { ...person(named), scope }, idem), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/grants/revocations",
      middleware: [requireRole("admin")] as const,
      summary: "Revoke a grant; the holder's next request acts without it — admin",
      request: { body: { required: true, content: { "application/json": { schema: revocationSchema } } } },
      responses: { 200: { description: "The revoked grant" }, ...errorResponses },
    }),
    async (c) => {
      const named = c.req.valid("json");
      return respond(c, await revokeGrant(deps, principalOf(c), { ...person(named), scope: scopeOf(named) }));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/grants",
      middleware: [requireRole("admin")] as const,
      summary: "A person's grants, revoked ones included, with their audit timeline — admin",
      request: { query: z.object(who) },
      responses: { 200: { description: "Grants and timeline" }, ...errorResponses },
    }),
    async (c) => respond(c, await listGrants(deps, principalOf(c), c.req.valid("query"))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/organizations/{uscc}/invitations",
      middleware: [requireRole("org", { ownUscc: true })] as const,
      summary:
        "Invite a colleague by email; their first sign-in with that verified address makes them a member — the org",
      request: {
        headers: idempotencyHeaders,
        params: z.object({ uscc: z.string().min(1).max(40) }),
        body: {
          required: true,
          content: {
            "application/json": { schema: z.object({ email: z.email().max(200) }).openapi("Invitation") },
          },
        },
      },
      responses: { 201: { description: "The invitation" }, ...errorResponses },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { uscc } = c.req.valid("param");
      const body = c.req.valid("json");
      const idem = idempotencyOf(c, principal, { uscc, ...body });
      return respond(c, await inviteMember(deps, principal, uscc, body, idem), 201);
    },
  );
}
