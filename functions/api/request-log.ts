import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "../../shared/usecases/support/deps.js";

export type RequestLogEnv = { Variables: { requestId: string; log: Logger } };

/** The logger with the request's id on every line it writes. */
export function withRequestId(log: Logger, requestId: string): Logger {
  return {
    info: (message, extra) => log.info(message, { requestId, ...extra }),
    warn: (message, extra) => log.warn(message, { requestId, ...extra }),
    error: (message, extra) => log.error(message, { requestId, ...extra }),
  };
}

/**
 * Gives each request an id (the runtime's own where it has one, API Gateway's on AWS) and a logger that
 * carries it, and returns the id as `X-Request-Id` so a caller can quote it.
 */
export function requestLog(
  log: Logger,
  runtimeRequestId: (c: Context) => string | undefined = () => undefined,
): MiddlewareHandler<RequestLogEnv> {
  return async (c, next) => {
    const requestId = runtimeRequestId(c) ?? randomUUID();
    c.set("requestId", requestId);
    c.set("log", withRequestId(log, requestId));
    c.header("X-Request-Id", requestId);
    await next();
  };
}
