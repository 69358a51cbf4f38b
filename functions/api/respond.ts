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
