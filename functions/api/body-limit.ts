import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorBody } from "./errors.js";

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * 413 for a body over the limit. The rest of that body is never read, so the response closes the
 * connection: a kept-alive client would otherwise send its next request into the unread bytes.
 */
export function bodyLimitMiddleware(maxSize = MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      c.header("Connection", "close");
      return c.json(
        errorBody("payload_too_large", `the body exceeds ${maxSize} bytes`, [
          { field: "body", code: "too_big", message: `at most ${maxSize} bytes` },
        ]),
        413,
      );
    },
  });
}
