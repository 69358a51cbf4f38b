import { RuleRefusal } from "../../domain/errors.js";
import {
  checkName,
  type NameCheckResult,
  type NameOnRegister,
  normalizeName,
  type OrgType,
  type RegistrationContext,
} from "../../domain/registration/index.js";
import { ConflictError, type NameHold, type WriteOp } from "../../ports/store.js";
import { areaNames, divisionName, settingsFor } from "../../settings/index.js";
import type { Deps } from "./deps.js";

/** The area context a name of this jurisdiction is checked in. */
export function nameContext(jurisdiction: string): RegistrationContext {
  return {
    jurisdictionName: divisionName(jurisdiction) ?? "",
    level: settingsFor(jurisdiction).level,
    areaNames: areaNames(jurisdiction),
  };
}

/**
 * The jurisdiction's names: every organization on the register (imported ones too) and every pending
 * application. A registered organization's name stays held by its registration case, so a hold by a case
 * the register names as an organization's registration is that organization's name, not an application's.
 */
export async function namesOnRegister(deps: Deps, jurisdiction: string): Promise<NameOnRegister[]> {
  const names: NameOnRegister[] = [];
  const seen = new Set<string>();
  const registrations = new Set<string>();
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(jurisdiction, after ? { after } : {});
    after = page.next;
    for (const org of page.items) {
      if (org.status !== "registered") continue;
      names.push({ name: org.name, holder: "registered", uscc: org.uscc });
      seen.add(normalizeName(org.name));
      if (org.registrationCaseId) registrations.add(org.registrationCaseId);
    }
  } while (after);
  for (const hold of await deps.store.listNameHolds(jurisdiction)) {
    if (hold.holder === "pending" && !seen.has(normalizeName(hold.name)) && !registrations.has(hold.heldBy)) {
      names.push({ name: hold.name, holder: "pending", caseId: hold.heldBy });
    }
  }
  return names;
}

/** 名称核准 against the jurisdiction's register, leaving out what the applicant itself holds. */
export async function checkNameOnRegister(
  deps: Deps,
  input: { orgType: OrgType; jurisdiction: string; name: string },
  exclude: { caseId?: string; uscc?: string } = {},
): Promise<NameCheckResult> {
  const settings = settingsFor(input.jurisdiction);
  const register = await namesOnRegister(deps, input.jurisdiction);
  return checkName(input, settings.nameCheck, nameContext(input.jurisdiction), register, exclude);
}

/** The refusal when another holds the very name (相同名称); close names are the bureau's judgment. */
export function nameTaken(field: string, name: string) {
  return new RuleRefusal("name_taken", `the jurisdiction already has the name ${name}`, [
    { field, code: "name_taken", message: `${name} is held by an organization or a pending application` },
  ]);
}

export function refuseTakenName(result: NameCheckResult, field: string, name: string): void {
  if (result.conflicts.some((c) => c.match === "same")) throw nameTaken(field, name);
}

export function holdName(
  jurisdiction: string,
  name: string,
  holder: NameHold["holder"],
  heldBy: string,
  at: Date,
  from?: string,
): WriteOp {
  return {
    op: "holdName",
    hold: { jurisdiction, name, holder, heldBy, since: at.toISOString() },
    ...(from ? { from } : {}),
  };
}

/** Another application took the name between the check and the write that holds it. */
export const nameHeldElsewhere =
  (field: string, name: string) =>
  (error: unknown): never => {
    if (error instanceof ConflictError) throw nameTaken(field, name);
    throw error;
  };
