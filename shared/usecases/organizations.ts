import { shanghaiDate } from "../domain/calendar/index.js";
import { caseSubject, type DeadlineRecord, organizationSubject } from "../domain/cases/records.js";
import { currentEntries } from "../domain/credit/index.js";
import { organizationTypeOfCategory, validateUscc } from "../domain/identifiers/index.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { OrgType } from "../domain/registration/index.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { deadlineId, scheduled } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { conflict, forbidden, invalid, notFound } from "./errors.js";
import { createOnce, type IdempotencyRequest } from "./idempotency.js";
import type { Principal } from "./principal.js";

export type ImportedOrganization = Omit<
  OrganizationRecord,
  "status" | "creditLists" | "annualInspections" | "createdAt" | "version" | "registrationCaseId"
>;

/** A USCC must be well formed, and its category and division must agree with the type and jurisdiction. */
export function usccProblems(uscc: string, orgType: OrgType, jurisdiction: string) {
  const checked = validateUscc(uscc);
  if (!checked.ok) return [{ field: "uscc", code: checked.problem, message: checked.message }];
  const problems = [];
  if (checked.uscc.authority !== "5") {
    problems.push({
      field: "uscc",
      code: "authority",
      message: "not issued by a civil-affairs registration authority (5)",
    });
  }
  if (organizationTypeOfCategory(checked.uscc.category) !== orgType) {
    problems.push({
      field: "orgType",
      code: "category_mismatch",
      message: `USCC category ${checked.uscc.category} contradicts orgType ${orgType}`,
    });
  }
  if (checked.uscc.division !== jurisdiction) {
    problems.push({
      field: "jurisdiction",
      code: "division_mismatch",
      message: `USCC division ${checked.uscc.division} contradicts jurisdiction ${jurisdiction}`,
    });
  }
  return problems;
}

/** A regulator of the jurisdiction (or an admin) imports an organization registered before socorg. */
export async function importOrganization(
  deps: Deps,
  principal: Principal,
  input: ImportedOrganization,
  idem?: IdempotencyRequest,
) {
  if (principal.role === "org") throw forbidden("only a regulator or an admin imports organizations");
  if (principal.role === "regulator" && principal.jurisdiction !== input.jurisdiction) {
    throw forbidden("a regulator imports only into its own jurisdiction");
  }
  const problems = usccProblems(input.uscc, input.orgType, input.jurisdiction);
  if (problems.length > 0) throw invalid(problems);
  const organization: OrganizationRecord = {
    ...input,
    status: "registered",
    creditLists: [],
    annualInspections: [],
    createdAt: deps.clock.now().toISOString(),
    version: 1,
  };
  try {
    const created = await createOnce(deps, idem, async () => ({
      body: { uscc: input.uscc },
      ops: [
        { op: "putOrganization", organization, expectVersion: "absent" },
        ...organizationDeadlines(organization, deps.clock.now()).map(
          (deadline): WriteOp => ({ op: "putDeadline", deadline, expectVersion: "absent" }),
        ),
      ],
    }));
    return { status: created.status, body: created.body };
  } catch (error) {
    if (error instanceof ConflictError) {
      throw conflict("organization_exists", `USCC ${input.uscc} is already registered`);
    }
    throw error;
  }
}

/** The public record of one USCC: nothing personal. */
export async function publicRecord(deps: Deps, uscc: string) {
  const checked = validateUscc(uscc);
  if (!checked.ok) throw invalid([{ field: "uscc", code: checked.problem, message: checked.message }]);
  const org = await deps.store.getOrganization(uscc);
  if (!org) throw notFound("organization");
  const today = shanghaiDate(deps.clock.now());
  return {
    uscc: org.uscc,
    name: org.name,
    orgType: org.orgType,
    status: org.status,
    jurisdiction: org.jurisdiction,
    registeredOn: org.registeredOn,
    ...(org.domicile ? { domicile: org.domicile } : {}),
    ...(org.grade ? { grade: org.grade } : {}),
    creditLists: currentEntries(org.creditLists, today).map(({ list, ground, since }) => ({
      list,
      ground,
      since,
    })),
    creditListHistory: org.creditLists
      .filter((e) => e.until && e.until <= today)
      .map(({ list, ground, since, until }) => ({ list, ground, since, until })),
    annualInspections: org.annualInspections,
  };
}

/** The deadlines an organization's record carries from the start: its term's end (换届) and its grade's expiry. */
export function organizationDeadlines(org: OrganizationRecord, now: Date): DeadlineRecord[] {
  const base = {
    subject: organizationSubject(org.uscc),
    status: "open" as const,
    jurisdiction: org.jurisdiction,
    orgName: org.name,
    uscc: org.uscc,
    organizationContact: org.contact,
    version: 1,
  };
  const out: DeadlineRecord[] = [];
  if (org.term)
    out.push(scheduled({ ...base, kind: "term_end", ref: org.term.end, dueDate: org.term.end }, now));
  if (org.grade) {
    out.push(
      scheduled(
        {
          ...base,
          kind: "grade_expiry",
          ref: org.grade.validUntil,
          dueDate: org.grade.validUntil,
          vars: { grade: org.grade.level },
        },
        now,
      ),
    );
  }
  return out;
}

/** The organization itself and its regulator read its record; for anyone else it does not exist. */
async function readableOrganization(deps: Deps, principal: Principal, uscc: string) {
  const org = await deps.store.getOrganization(uscc);
  const mayRead =
    org &&
    (principal.role === "admin" ||
      (principal.role === "org" && principal.uscc === uscc) ||
      (principal.role === "regulator" && principal.jurisdiction === org.jurisdiction));
  if (!mayRead) throw notFound("organization");
  return org;
}

/** The organization's own timeline (extensions, list entries …); its cases keep theirs. */
export async function organizationTimeline(deps: Deps, principal: Principal, uscc: string) {
  await readableOrganization(deps, principal, uscc);
  return { items: await deps.store.listTimeline(organizationSubject(uscc)) };
}

/** The organization's deadlines, for itself and its regulator. */
export async function listOrganizationDeadlines(deps: Deps, principal: Principal, uscc: string) {
  await readableOrganization(deps, principal, uscc);
  const own = await deps.store.listDeadlines(organizationSubject(uscc));
  const cases = await deps.store.listCasesOf({ uscc });
  const ofCases = (
    await Promise.all(cases.map((c) => deps.store.listDeadlines(caseSubject(c.caseId))))
  ).flat();
  return {
    items: [...own, ...ofCases].map((d) => ({
      deadlineId: deadlineId(d),
      kind: d.kind,
      ref: d.ref,
      dueDate: d.dueDate,
      status: d.status,
    })),
  };
}
