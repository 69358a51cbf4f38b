import { parentDivisions } from "../../settings/index.js";
import type { Actor } from "../cases/records.js";

/**
 * Who is calling: the subject (and issuer) of a verified token, and what its grants let it do. `scopes` is
 * what the grants resolved to (grants.ts); a principal built without grants (the scheduler, a seed) has
 * the one code its role names.
 */
export type Principal = (
  | { role: "org"; uscc?: string }
  | { role: "regulator"; jurisdiction: string }
  | { role: "supervisory_unit"; unit: string }
  | { role: "admin" }
) & { sub: string; issuer?: string; scopes?: Scopes };

export const actorOf = (p: Principal): Actor => ({ kind: p.role, sub: p.sub });

/** What a principal may act on, from its grants: several organizations, jurisdictions or units at once. */
export interface Scopes {
  /** Organizations it acts for (代表组织), by USCC. */
  organizations: readonly string[];
  /** Jurisdictions it regulates (属地管理), by division code (6 digits, or 9 for a street or town). */
  jurisdictions: readonly string[];
  /** Supervisory units (业务主管单位) it pre-reviews for, by the name organizations give them. */
  units: readonly string[];
  /** Acts in every jurisdiction (the system's administrators). */
  everywhere: boolean;
}

const NONE: Scopes = { organizations: [], jurisdictions: [], units: [], everywhere: false };

export function scopesOf(p: Principal): Scopes {
  if (p.scopes) return p.scopes;
  switch (p.role) {
    case "org":
      return { ...NONE, organizations: p.uscc ? [p.uscc] : [] };
    case "regulator":
      return { ...NONE, jurisdictions: [p.jurisdiction] };
    case "supervisory_unit":
      return { ...NONE, units: [p.unit] };
    case "admin":
      return { ...NONE, everywhere: true };
  }
}

/** A county-level division (区/县), where review queues are worked; a city or province only reads. */
export const worksQueues = (division: string): boolean => /^\d{4}(?!00)\d{2}$/.test(division);

/** The county-level division a 9-digit street or town code (街道/乡镇) lies in. */
export const districtOfStreet = (code: string): string | undefined =>
  /^\d{9}$/.test(code) ? code.slice(0, 6) : undefined;

/**
 * The principal sees this organization's area: it regulates the organization's division or one above it,
 * or holds the grant of the street or town its domicile lies in.
 */
export function seesArea(p: Principal, org: { jurisdiction: string; streetCode?: string }): boolean {
  const scopes = scopesOf(p);
  if (scopes.everywhere || readableJurisdiction(p, org.jurisdiction) !== undefined) return true;
  return scopes.jurisdictions.some(
    (code) => districtOfStreet(code) === org.jurisdiction && org.streetCode?.startsWith(code) === true,
  );
}

/** What a read of the register or of alerts covers: a division, or one street or town (街道/乡镇) within one. */
export interface ReadArea {
  jurisdiction: string;
  streetCode?: string;
}

/**
 * The area a read applies to: a division as `readableJurisdiction` allows, or a street or town the principal
 * holds the grant of or reads the district of; a street grant naming nothing reads its own street.
 */
export function readableArea(p: Principal, named?: string): ReadArea | undefined {
  const district = named === undefined ? undefined : districtOfStreet(named);
  if (named !== undefined && district !== undefined) {
    const reads =
      scopesOf(p).jurisdictions.includes(named) || readableJurisdiction(p, district) !== undefined;
    return reads ? { jurisdiction: district, streetCode: named } : undefined;
  }
  const division = readableJurisdiction(p, named);
  if (division === undefined) return undefined;
  const streetDistrict = districtOfStreet(division);
  return streetDistrict ? { jurisdiction: streetDistrict, streetCode: division } : { jurisdiction: division };
}

/** The organization lies in the area: its division, and its street or town when the area names one. */
export const liesIn = (area: ReadArea, org: { jurisdiction: string; streetCode?: string }): boolean =>
  org.jurisdiction === area.jurisdiction &&
  (area.streetCode === undefined || org.streetCode?.startsWith(area.streetCode) === true);

/** The principal pre-reviews for the supervisory unit this organization names (业务主管单位初审). */
export const reviewsFor = (p: Principal, org: { supervisoryUnit?: string }): boolean =>
  org.supervisoryUnit !== undefined && scopesOf(p).units.includes(org.supervisoryUnit);

/** The queue a supervisory unit works (业务主管单位初审、同意); the jurisdiction's regulators only read it. */
export const SUPERVISORY_QUEUE = "supervisory_review";

/**
 * Who claims and decides a task: on the supervisory queue only the reviewer of the task's unit; on any other
 * queue the regulator of its jurisdiction (or an administrator). `reads` says whether the principal may see it.
 */
export function taskAccess(
  p: Principal,
  task: { queue: string; jurisdiction: string; supervisoryUnit?: string },
): "decides" | "reads" | "none" {
  if (task.queue === SUPERVISORY_QUEUE) {
    if (reviewsFor(p, task)) return "decides";
    return regulates(p, task.jurisdiction) ? "reads" : "none";
  }
  return regulates(p, task.jurisdiction) ? "decides" : "none";
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

/**
 * A case is read by its regulator, its applicant, the organization it concerns, and the supervisory unit
 * that pre-reviews or consents to it.
 */
export const maySeeCase = (
  p: Principal,
  record: { jurisdiction: string; applicantSub: string; uscc?: string; supervisoryUnit?: string },
): boolean =>
  regulatesAny(p)
    ? regulates(p, record.jurisdiction) || reviewsFor(p, record)
    : record.applicantSub === p.sub ||
      (record.uscc !== undefined && mayActFor(p, record.uscc)) ||
      reviewsFor(p, record);
