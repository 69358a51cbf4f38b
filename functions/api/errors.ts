import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import {
  type DomainError,
  InvalidInput,
  NotFound,
  NotPermitted,
  RuleRefusal,
  StateConflict,
} from "../../shared/domain/errors.js";
import type { AppEnv } from "./auth.js";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Zod issues as `{field, code, message}` with the field as a dotted path. */
export function fieldProblems(error: ZodError, prefix = "") {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body",
    code: issue.code,
    message: issue.message,
  }));
}

export function validationFailed(c: Context, error: ZodError, target: string) {
  const details = fieldProblems(error, target === "json" ? "" : target);
  return c.json(
    errorBody("invalid_request", details.map((d) => `${d.field}: ${d.message}`).join("; "), details),
    400,
  );
}

/** The HTTP status of each domain error. */
export function statusOf(error: Error): 400 | 403 | 404 | 409 | 422 | undefined {
  if (error instanceof InvalidInput) return 400;
  if (error instanceof NotPermitted) return 403;
  if (error instanceof NotFound) return 404;
  if (error instanceof StateConflict) return 409;
  if (error instanceof RuleRefusal) return 422;
  return undefined;
}

/** Every error leaves as `{error: {code, message, details?}}`; nothing internal reaches the client. */
export function handleError(error: Error, c: Context<AppEnv>) {
  const status = statusOf(error);
  if (status) {
    const e = error as DomainError;
    return c.json(errorBody(e.code, e.message, e.details), status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "bad_request";
    const message =
      status === 400 && /JSON/i.test(error.message) ? "the body is not valid JSON" : error.message;
    return c.json(
      errorBody(code, message, status === 400 ? [{ field: "body", code, message }] : undefined),
      status,
    );
  }
  c.get("log").error("unhandled error", { error: String(error), stack: error.stack });
  return c.json(errorBody("internal", "internal error"), 500);
}
