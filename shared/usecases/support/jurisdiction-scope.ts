import { type Principal, readableJurisdiction } from "../../domain/access/policy.js";
import { NotPermitted } from "../../domain/errors.js";

/** The division a read is about, or refused: see `readableJurisdiction`. */
export function readScope(principal: Principal, asked?: string): string {
  const scope = readableJurisdiction(principal, asked);
  if (!scope)
    throw new NotPermitted(
      asked ? `${asked} is not within this principal's jurisdictions` : "name the jurisdiction",
    );
  return scope;
}
