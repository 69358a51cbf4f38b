import { type DeadlineRecord, organizationSubject } from "../cases/records.js";
import { scheduled } from "../deadlines/firing.js";
import type { OrganizationRecord } from "./records.js";

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
