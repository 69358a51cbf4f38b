import {
  type Principal,
  type ReadArea,
  readableArea,
  readableJurisdiction,
} from "../../domain/access/policy.js";
import { NotPermitted } from "../../domain/errors.js";

const outside = (asked?: string) =>
  new NotPermitted(asked ? `${asked} is not within this principal's jurisdictions` : "name the jurisdiction");

/** The division a read is about, or refused: see `readableJurisdiction`. */
export function readScope(principal: Principal, asked?: string): string {
  const scope = readableJurisdiction(principal, asked);
  if (!scope) throw outside(asked);
  return scope;
}

/** The area a read of the register or of alerts is about (a street or town within a district too), or refused. */
export function readAreaScope(principal: Principal, asked?: string): ReadArea {
  const area = readableArea(principal, asked);
  if (!area) throw outside(asked);
  return area;
}
