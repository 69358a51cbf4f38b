import type { Principal, Scopes } from "./policy.js";

/** Who someone is, as a verified token from an identity provider says: the issuer and its subject. */
export interface Identity {
  issuer: string;
  sub: string;
  /** The address the provider has verified, which invitations are matched against. */
  email?: string;
  name?: string;
}

/**
 * What a grant lets its holder do: act for one organization (`org`, a member of that USCC), regulate a
 * division (`regulator`: a province or city code reads its districts, a district code works its queues, a
 * 9-digit street or town code sees its area), pre-review for a supervisory unit (业务主管单位), or administer.
 */
export type GrantScope =
  | { kind: "org"; uscc: string }
  | { kind: "regulator"; division: string }
  | { kind: "supervisory_unit"; unit: string }
  | { kind: "admin" };

/** Authority is a record of ours, never a claim of the token: who holds what, since when, granted by whom. */
export interface GrantRecord {
  issuer: string;
  sub: string;
  scope: GrantScope;
  since: string;
  grantedBy: string;
  revokedAt?: string;
  revokedBy?: string;
  version: number;
}

/** An organization's invitation of a person by email; the person's first sign-in with that address takes it. */
export interface InvitationRecord {
  email: string;
  uscc: string;
  invitedBy: string;
  invitedAt: string;
}

/** A scope as stable text (`org:<uscc>`, `regulator:<code>` …), one grant per identity and scope. */
export function scopeId(scope: GrantScope): string {
  switch (scope.kind) {
    case "org":
      return `org:${scope.uscc}`;
    case "regulator":
      return `regulator:${scope.division}`;
    case "supervisory_unit":
      return `supervisory_unit:${scope.unit}`;
    case "admin":
      return "admin";
  }
}

/**
 * The scope a role names with its one code, as a principal or a request spells it (`{role: "regulator",
 * jurisdiction}` …); an organization without a USCC names none.
 */
export function scopeNamed(named: {
  role: "org" | "regulator" | "supervisory_unit" | "admin";
  uscc?: string;
  jurisdiction?: string;
  unit?: string;
}): GrantScope | undefined {
  switch (named.role) {
    case "org":
      return named.uscc ? { kind: "org", uscc: named.uscc } : undefined;
    case "regulator":
      return named.jurisdiction ? { kind: "regulator", division: named.jurisdiction } : undefined;
    case "supervisory_unit":
      return named.unit ? { kind: "supervisory_unit", unit: named.unit } : undefined;
    case "admin":
      return { kind: "admin" };
  }
}

export const isActive = (g: GrantRecord): boolean => g.revokedAt === undefined;

/** Addresses compare without case, as mail systems do. */
export const normalizedEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The principal an identity acts as, from its grants alone: an administrator over a regulator over a
 * supervisory unit over an organization, with every active grant in its scopes; no grant at all is an
 * applicant, who may file a registration and nothing else.
 */
export function resolvePrincipal(identity: Identity, grants: readonly GrantRecord[]): Principal {
  const active = grants
    .filter((g) => isActive(g) && g.issuer === identity.issuer && g.sub === identity.sub)
    .sort((a, b) => a.since.localeCompare(b.since) || scopeId(a.scope).localeCompare(scopeId(b.scope)));
  const scopes: Scopes = {
    organizations: active.flatMap((g) => (g.scope.kind === "org" ? [g.scope.uscc] : [])),
    jurisdictions: active.flatMap((g) => (g.scope.kind === "regulator" ? [g.scope.division] : [])),
    units: active.flatMap((g) => (g.scope.kind === "supervisory_unit" ? [g.scope.unit] : [])),
    everywhere: active.some((g) => g.scope.kind === "admin"),
  };
  const base = { sub: identity.sub, issuer: identity.issuer, scopes };
  const [jurisdiction] = scopes.jurisdictions;
  const [unit] = scopes.units;
  const [uscc] = scopes.organizations;
  if (scopes.everywhere) return { role: "admin", ...base };
  if (jurisdiction) return { role: "regulator", jurisdiction, ...base };
  if (unit) return { role: "supervisory_unit", unit, ...base };
  return uscc ? { role: "org", uscc, ...base } : { role: "org", ...base };
}
