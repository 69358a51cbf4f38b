/**
 * What can go wrong in a use case, in the domain's terms; each entry point maps them to its own
 * answers (functions/api to HTTP statuses). `code` is stable and machine-readable.
 */

/** One thing wrong with an input: `field` is a dotted path into it ("members.individual"). */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export abstract class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks a rule of its form; every problem is named. */
export class InvalidInput extends DomainError {
  constructor(readonly problems: FieldProblem[]) {
    super("invalid_request", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  }
}

/** There is no such record, or none this principal may see. */
export class NotFound extends DomainError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

/** The principal may not do this (its role or its scope). */
export class NotPermitted extends DomainError {
  constructor(message = "not allowed for this principal", code = "forbidden") {
    super(code, message);
  }
}

/** The record's state does not allow it (it exists already, it changed meanwhile, nothing waits for it). */
export class StateConflict extends DomainError {}

/** A rule of the regulations refuses it (not eligible, not yet, not required). */
export class RuleRefusal extends DomainError {}
