import { createRequire } from "node:module";
import { dirname } from "node:path";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../functions/api/auth.js";
import { errorBody } from "../../functions/api/errors.js";
import { errorResponses, respond } from "../../functions/api/respond.js";
import { areaSchema } from "../../functions/api/schemas.js";
import { validateUscc } from "../../shared/domain/identifiers/index.js";
import type { Store } from "../../shared/ports/store.js";
import type { SweepResult } from "../../shared/usecases/run-sweep.js";
import type { LocalClock } from "./clock.js";
import type { LocalIdentityProvider } from "./identity-provider.js";

export interface DevRouteDeps {
  store: Store;
  clock: LocalClock;
  tokens: LocalIdentityProvider;
  sweep: () => Promise<SweepResult>;
}

const tokenRequest = z
  .object({
    role: z.enum(["org", "regulator", "supervisory_unit", "admin"]),
    sub: z.string().min(1).max(100),
    /** The supervisory unit (业务主管单位) a `supervisory_unit` token reviews for, as organizations name it. */
    unit: z.string().trim().min(1).max(200).optional(),
    uscc: z
      .string()
      .refine((u) => validateUscc(u).ok, "not a valid USCC")
      .optional(),
    jurisdiction: areaSchema.optional(),
  })
  .refine((t) => t.role !== "regulator" || t.jurisdiction, {
    message: "a regulator token needs a jurisdiction",
    path: ["jurisdiction"],
  })
  .refine((t) => t.role !== "supervisory_unit" || t.unit, {
    message: "a supervisory_unit token needs a unit",
    path: ["unit"],
  });

/** Swagger UI's files as the swagger-ui-dist package installs them. */
export const swaggerUiDistDir = (): string =>
  dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** Local-mode routes: sign-in tokens, the clock, the sweep on demand, and the outbox as a mailbox. */
export function devRoutes(deps: DevRouteDeps) {
  return (app: OpenAPIHono<AppEnv>) => {
    app.openapi(
      createRoute({
        method: "post",
        path: "/dev/tokens",
        summary: "Issue a local sign-in token (local mode only)",
        security: [],
        request: { body: { required: true, content: { "application/json": { schema: tokenRequest } } } },
        responses: { 200: { description: "Token" }, ...errorResponses },
      }),
      async (c) => {
        const t = c.req.valid("json");
        const principal =
          t.role === "org"
            ? { role: "org" as const, sub: t.sub, ...(t.uscc ? { uscc: t.uscc } : {}) }
            : t.role === "regulator"
              ? { role: "regulator" as const, sub: t.sub, jurisdiction: t.jurisdiction as string }
              : t.role === "supervisory_unit"
                ? { role: "supervisory_unit" as const, sub: t.sub, unit: t.unit as string }
                : { role: "admin" as const, sub: t.sub };
        return respond(c, { token: await deps.tokens.issue(principal) });
      },
    );

    app.openapi(
      createRoute({
        method: "post",
        path: "/admin/clock",
        summary: "Move the local clock forward (local mode only)",
        security: [],
        request: {
          body: {
            required: true,
            content: { "application/json": { schema: z.object({ now: z.iso.datetime({ offset: true }) }) } },
          },
        },
        responses: { 200: { description: "The new time" }, ...errorResponses },
      }),
      async (c) => {
        try {
          const now = await deps.clock.moveTo(c.req.valid("json").now);
          return respond(c, { now: now.toISOString() });
        } catch (error) {
          const message = (error as Error).message;
          return respond(
            c,
            errorBody("invalid_request", message, [{ field: "now", code: "backwards", message }]),
            400,
          );
        }
      },
    );

    app.openapi(
      createRoute({
        method: "post",
        path: "/admin/sweep",
        summary: "Run the scheduled sweep now (local mode only)",
        security: [],
        responses: { 200: { description: "What the sweep did" } },
      }),
      async (c) => respond(c, await deps.sweep()),
    );

    app.openapi(
      createRoute({
        method: "get",
        path: "/outbox",
        summary: "Messages to one address or phone (local mode only)",
        security: [],
        request: { query: z.object({ to: z.string().min(1) }) },
        responses: { 200: { description: "Messages, oldest first" }, ...errorResponses },
      }),
      async (c) => {
        const items = await deps.store.listOutboxTo(c.req.valid("query").to);
        return respond(c, {
          items: items.map((m) => ({
            id: m.id,
            channel: m.channel,
            to: m.to,
            kind: m.kind,
            ...(m.subject ? { subject: m.subject } : {}),
            text: m.text,
            status: m.status,
            createdAt: m.createdAt,
            ...(m.sentAt ? { sentAt: m.sentAt } : {}),
            attempts: m.attempts.length,
          })),
        });
      },
    );
  };
}
