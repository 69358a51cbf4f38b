import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Principal } from "../../../shared/domain/access/policy.js";
import type { IdempotencyRequest } from "../../../shared/usecases/support/idempotency.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, idempotencyHeaders, idempotencyOf, respond } from "../respond.js";

export const usccParam = z.object({
  uscc: z.string().min(1).max(40).openapi({ example: "51310114MA1K3T5X1B" }),
});

/** What one filing route says of itself in the OpenAPI document. */
export interface OrgFiling {
  /** Below `/organizations/{uscc}/`. */
  path: string;
  summary: string;
  schema: z.ZodType;
  created: { description: string; schema?: z.ZodType };
  /** Refused at the route (403) when the organization names another USCC; otherwise the use case decides. */
  ownUscc?: boolean;
  /** Refusals besides the common ones, documented. */
  refusals?: Record<number, { description: string }>;
}

/**
 * A filing an organization makes on its own record (`POST /organizations/{uscc}/…`): the body as its
 * schema validates it, and the caller's `Idempotency-Key`, go to the use case that opens the case.
 */
export function orgFilingRoute<B>(
  app: OpenAPIHono<AppEnv>,
  route: OrgFiling,
  file: (
    principal: Principal,
    uscc: string,
    body: B,
    idem: IdempotencyRequest | undefined,
  ) => Promise<{ status: ContentfulStatusCode; body: unknown }>,
): void {
  const { schema, created } = route;
  app.openapi(
    createRoute({
      method: "post",
      path: `/organizations/{uscc}/${route.path}`,
      middleware: [route.ownUscc ? requireRole("org", { ownUscc: true }) : requireRole("org")] as const,
      summary: route.summary,
      request: {
        params: usccParam,
        headers: idempotencyHeaders,
        body: { required: true, content: { "application/json": { schema } } },
      },
      responses: {
        201: {
          description: created.description,
          ...(created.schema ? { content: { "application/json": { schema: created.schema } } } : {}),
        },
        ...route.refusals,
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const body = c.req.valid("json") as B;
      const out = await file(principal, c.req.valid("param").uscc, body, idempotencyOf(c, principal, body));
      return respond(c, out.body, out.status);
    },
  );
}
