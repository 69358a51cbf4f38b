/** Errors a use case raises for the entry point to map; each carries its HTTP status and a code. */
export class UseCaseError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "UseCaseError";
  }
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export const invalid = (problems: FieldProblem[]) =>
  new UseCaseError(
    400,
    "invalid_request",
    problems.map((p) => `${p.field}: ${p.message}`).join("; "),
    problems,
  );
export const notFound = (what: string) => new UseCaseError(404, "not_found", `${what} not found`);
export const forbidden = (message = "not allowed for this principal") =>
  new UseCaseError(403, "forbidden", message);
export const conflict = (code: string, message: string) => new UseCaseError(409, code, message);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new UseCaseError(422, code, message, details);
