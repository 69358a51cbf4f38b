import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A JSON response typed loosely: the route's zod schema documents it, the use case shapes it. */
export const respond = (c: Context, body: unknown, status: ContentfulStatusCode = 200): never =>
  c.json(body as object, status) as never;

export const errorResponses = {
  400: { description: "Bad input; `details` names each field" },
  401: { description: "Missing or invalid token" },
  403: { description: "Wrong role or scope" },
  404: { description: "Not found (or not visible to this principal)" },
  409: { description: "Conflict: the state has changed" },
} as const;

/** The `Idempotency-Key` header of a creating POST, scoped to the caller, with the body it guards. */
export function idempotencyOf(c: Context, principal: { sub: string }, body: unknown) {
  const key = c.req.header("idempotency-key");
  return key ? { principal: principal.sub, key, body } : undefined;
}

export const idempotencyHeaders = z.object({
  "idempotency-key": z.string().min(1).max(200).optional().openapi({ description: "Repeat-safe creation" }),
});
