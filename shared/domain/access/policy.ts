import { parentDivisions } from "../../settings/index.js";
import type { Actor } from "../cases/records.js";

/** Who is calling, as the entry point's authenticator established it. */
export type Principal =
  | { role: "org"; sub: string; uscc?: string }
  | { role: "regulator"; sub: string; jurisdiction: string }
  | { role: "admin"; sub: string };

export const actorOf = (p: Principal): Actor => ({ kind: p.role, sub: p.sub });

/**
 * What a principal may act on. Today it follows from the role and the one code the token carries; an
 * identity with grants fills the same shape with several organizations or jurisdictions.
 */
export interface Scopes {
  /** Organizations it acts for (代表组织), by USCC. */
  organizations: readonly string[];
  /** Jurisdictions it regulates (属地管理), by division code. */
  jurisdictions: readonly string[];
  /** Acts in every jurisdiction (the system's administrators). */
  everywhere: boolean;
}

export function scopesOf(p: Principal): Scopes {
  switch (p.role) {
    case "org":
      return { organizations: p.uscc ? [p.uscc] : [], jurisdictions: [], everywhere: false };
    case "regulator":
      return { organizations: [], jurisdictions: [p.jurisdiction], everywhere: false };
    case "admin":
      return { organizations: [], jurisdictions: [], everywhere: true };
  }
}

/** The principal acts for the organization with this USCC. */
export const mayActFor = (p: Principal, uscc: string): boolean => scopesOf(p).organizations.includes(uscc);

/** The principal regulates this jurisdiction (an administrator regulates every one). */
export function regulates(p: Principal, jurisdiction: string): boolean {
  const scopes = scopesOf(p);
  return scopes.everywhere || scopes.jurisdictions.includes(jurisdiction);
}

/** The principal regulates somewhere: a regulator, or an administrator. */
export function regulatesAny(p: Principal): boolean {
  const scopes = scopesOf(p);
  return scopes.everywhere || scopes.jurisdictions.length > 0;
}

/**
 * The jurisdiction a regulatory action applies to: the regulator's own (one it regulates, when it names
 * one), or the one an administrator names.
 */
export function actingJurisdiction(p: Principal, named?: string): string | undefined {
  const scopes = scopesOf(p);
  if (scopes.everywhere) return named;
  if (named !== undefined) return scopes.jurisdictions.includes(named) ? named : undefined;
  return scopes.jurisdictions.length === 1 ? scopes.jurisdictions[0] : undefined;
}

/**
 * The jurisdiction a regulatory read applies to: as `actingJurisdiction`, and also a division under one the
 * principal regulates (a city's or a province's grant reads its districts' registers and figures).
 */
export function readableJurisdiction(p: Principal, named?: string): string | undefined {
  const acting = actingJurisdiction(p, named);
  if (acting !== undefined || named === undefined) return acting;
  const above = parentDivisions(named);
  return scopesOf(p).jurisdictions.some((j) => above.includes(j)) ? named : undefined;
}

/** The organization itself and its regulator read what is about an organization. */
export const maySeeOrganization = (p: Principal, org: { uscc: string; jurisdiction: string }): boolean =>
  mayActFor(p, org.uscc) || regulates(p, org.jurisdiction);

/** A case is read by its regulator, its applicant, and the organization it concerns. */
export const maySeeCase = (
  p: Principal,
  record: { jurisdiction: string; applicantSub: string; uscc?: string },
): boolean =>
  regulatesAny(p)
    ? regulates(p, record.jurisdiction)
    : record.applicantSub === p.sub || (record.uscc !== undefined && mayActFor(p, record.uscc));
