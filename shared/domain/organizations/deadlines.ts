import { type DeadlineRecord, organizationSubject } from "../cases/records.js";
import { createDeadline } from "../deadlines/lifecycle.js";
import type { OrganizationRecord } from "./records.js";

/** The deadlines an organization's record carries from the start: its term's end (换届) and its grade's expiry. */
export function organizationDeadlines(org: OrganizationRecord): DeadlineRecord[] {
  const base = {
    subject: organizationSubject(org.uscc),
    jurisdiction: org.jurisdiction,
    orgName: org.name,
    uscc: org.uscc,
    organizationContact: org.contact,
  };
  const out: DeadlineRecord[] = [];
  if (org.term)
    out.push(createDeadline({ ...base, kind: "term_end", ref: org.term.end, dueDate: org.term.end }));
  if (org.grade) {
    out.push(
      createDeadline({
        ...base,
        kind: "grade_expiry",
        ref: org.grade.validUntil,
        dueDate: org.grade.validUntil,
        vars: { grade: org.grade.level },
      }),
    );
  }
  return out;
}
