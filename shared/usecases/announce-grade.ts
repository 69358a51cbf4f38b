import { certificateNumber, gradeValidUntil } from "../domain/assessment/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { caseSubject, organizationSubject, SYSTEM } from "../domain/cases/records.js";
import { organizationDeadlines } from "../domain/organizations/deadlines.js";
import type { GradeRecord } from "../domain/organizations/records.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { finalGrade, isAssessment, organizationLink, releaseOpenAssessment } from "./support/assessment.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { newDeadlineWrite, settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * 公告: the grade, a certificate number and five years of validity go on the organization's record with a
 * grade_expiry deadline, on both timelines, and to the organization; the notice and any earlier grade's
 * expiry are settled.
 */
export async function announceGrade(deps: Deps, input: { caseId: string }) {
  return retryOnConflict(async () => {
    const record = await deps.store.getCase(input.caseId);
    if (!record || !isAssessment(record)) throw new Error(`assessment case ${input.caseId} not found`);
    const app = record.application;
    if (record.status === "graded") return { status: record.status };
    const level = finalGrade(app);
    if (!level) throw new Error(`case ${input.caseId} has no grade to announce`);
    const org = await deps.store.getOrganization(app.uscc);
    if (!org) throw new Error(`organization ${app.uscc} not found`);
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const settings = settingsFor(record.jurisdiction);
    // A number lost to a failed attempt leaves a gap in the series, never a duplicate.
    const certificateNo = certificateNumber(
      record.jurisdiction,
      Number(today.slice(0, 4)),
      await deps.store.nextSequence(`grade_certificate#${record.jurisdiction}#${today.slice(0, 4)}`),
    );
    const grade: GradeRecord = {
      level,
      validUntil: gradeValidUntil(today, settings.gradeValidityYears),
      certificateNo,
      awardedOn: today,
      caseId: record.caseId,
    };
    const graded = { ...org, grade, version: org.version + 1 };
    const open = (await deps.store.listDeadlines(caseSubject(record.caseId))).filter(
      (d) => d.status === "open",
    );
    const earlierExpiry = (await deps.store.listDeadlines(organizationSubject(org.uscc))).filter(
      (d) => d.kind === "grade_expiry" && d.status === "open",
    );
    const messages = composeMessages({
      kind: "grade_announced",
      ref: record.caseId,
      to: app.contact,
      vars: {
        orgName: app.name,
        grade: level,
        certificateNo,
        validUntil: grade.validUntil,
        link: organizationLink(record.jurisdiction, org.uscc),
      },
      locale: settings.reminders.locale,
      jurisdiction: record.jurisdiction,
      now,
    });
    const note = `${level}, certificate ${certificateNo}, valid until ${grade.validUntil}`;
    const extra: WriteOp[] = [
      { op: "putOrganization", organization: graded, expectVersion: org.version },
      {
        op: "appendEvent",
        subject: organizationSubject(org.uscc),
        event: { at: now.toISOString(), actor: "system", action: "grade_announced", note },
      },
      ...open.flatMap((d) => settledWrites(d, "met")),
      ...earlierExpiry.flatMap((d) => settledWrites(d, "waived")),
      ...organizationDeadlines(graded)
        .filter((d) => d.kind === "grade_expiry")
        .map(newDeadlineWrite),
      releaseOpenAssessment(org.uscc, record.caseId),
      ...outboxWrites(messages),
    ];
    await deps.store.transact(
      caseChange(
        record,
        { status: "graded" },
        { actor: SYSTEM, action: "grade_announced", note, at: now },
        extra,
      ),
    );
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { status: "graded", grade };
  });
}
