import { actorOf, mayActFor, type Principal } from "../domain/access/policy.js";
import {
  type AnnualReport,
  annualReportProblems,
  annualReportRiskFlags,
  mustReport,
  requiresSupervisoryPreReview,
  simplifiedProcedure,
} from "../domain/annual-inspection/index.js";
import type { AnnualInspectionApplication } from "../domain/annual-inspection/inspection-case.js";
import { upsertInspection } from "../domain/annual-inspection/inspection-case.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { decisionLimitCount } from "../domain/cases/decision-clock.js";
import { actorLabel, type CaseRecord, caseSubject, organizationSubject } from "../domain/cases/records.js";
import { createDeadline } from "../domain/deadlines/index.js";
import { InvalidInput, NotFound, NotPermitted, RuleRefusal, StateConflict } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import { composeMessages } from "../notify/compose.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { caseOpening, outboxWrites } from "./support/case-change.js";
import { newDeadlineWrite, settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";
import { countedDue, officialCalendar } from "./support/official-calendar.js";
import { pendingStart, startPending } from "./support/start-workflow.js";

/** 年度工作报告: one per organization and year (again only after it was returned for correction). */
export async function fileAnnualReport(
  deps: Deps,
  principal: Principal,
  uscc: string,
  report: AnnualReport,
  idem?: IdempotencyRequest,
) {
  if (!mayActFor(principal, uscc)) throw new NotPermitted("only the organization files its report");
  const org = await deps.store.getOrganization(uscc);
  if (!org) throw new NotFound("organization");
  if (org.status !== "registered")
    throw new RuleRefusal("not_registered", `the organization is ${org.status}`);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const problems = annualReportProblems(report, { registeredOn: org.registeredOn, today });
  if (problems.length > 0) throw new InvalidInput(problems);
  if (!mustReport(org, report.year)) {
    throw new RuleRefusal(
      "not_required",
      `the organization was not registered before the end of ${report.year}`,
    );
  }
  const settings = settingsFor(org.jurisdiction);
  const simplified = simplifiedProcedure(org.grade, today, settings.annualInspection.simplifiedFromGrade);
  const preReview = requiresSupervisoryPreReview(org, simplified);
  let messageIds: string[] = [];
  const result = await createOnce<{ caseId: string; status: string }>(
    deps,
    idem,
    async () => {
      // Read again on every attempt: a retry follows a change to the organization (a listing, an inspection).
      const current = (await deps.store.getOrganization(uscc)) ?? org;
      const caseId = newId("AIR", now);
      const at = now.toISOString();
      const application: AnnualInspectionApplication = {
        uscc,
        name: org.name,
        contact: org.contact,
        year: report.year,
        report,
      };
      const record: CaseRecord<AnnualInspectionApplication> = {
        caseId,
        kind: "annual_inspection",
        status: preReview ? "supervisory_review" : "under_review",
        jurisdiction: org.jurisdiction,
        applicantSub: principal.sub,
        uscc,
        ...(preReview ? { supervisoryUnit: (org.supervisoryUnit ?? "").trim() } : {}),
        application,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const limit = countedDue(
        decisionLimitCount(today, settings.annualInspection.reviewWorkingDays),
        await officialCalendar(deps.store),
      );
      const reviewLimit = createDeadline({
        subject: caseSubject(caseId),
        kind: "decision_limit",
        ref: caseId,
        ...limit,
        jurisdiction: org.jurisdiction,
        orgName: org.name,
        uscc,
        caseId,
        organizationContact: org.contact,
      });
      const seasonDeadline = await deps.store.getDeadline({
        subject: organizationSubject(uscc),
        kind: "annual_report",
        ref: String(report.year),
      });
      const messages = composeMessages({
        kind: "annual_report_received",
        ref: caseId,
        to: org.contact,
        vars: { orgName: org.name, year: String(report.year), caseId },
        locale: settings.reminders.locale,
        jurisdiction: org.jurisdiction,
        now,
      });
      messageIds = messages.map((m) => m.id);
      const flags = annualReportRiskFlags(report, {
        orgType: org.orgType,
        leaderAgeLimit: settings.leaderAgeLimit,
        asOf: today,
      });
      const alerts = flags.map(
        (f, i): AlertRecord => ({
          alertId: `${caseId}-${i + 1}`,
          jurisdiction: org.jurisdiction,
          uscc,
          rule: f.rule,
          severity: f.severity,
          explanation: f.explanation,
          evidence: { ...f.evidence, caseId, year: report.year },
          raisedAt: at,
          status: "open",
          version: 1,
        }),
      );
      const ops: WriteOp[] = [
        { op: "markAnnualReport", uscc, year: report.year, caseId, status: "filed" },
        ...caseOpening(record, {
          actor: actorLabel(actorOf(principal)),
          action: "submitted",
          note: `annual report ${report.year}`,
        }),
        newDeadlineWrite(reviewLimit),
        pendingStart(caseId, "annualInspection", { caseId, preReview }, now),
        {
          op: "putOrganization",
          organization: {
            ...current,
            annualInspections: upsertInspection(current, report.year, "pending"),
            version: current.version + 1,
          },
          expectVersion: current.version,
        },
        ...outboxWrites(messages),
        ...alerts.map((alert): WriteOp => ({ op: "putAlert", alert, expectVersion: "absent" })),
      ];
      if (seasonDeadline) ops.push(...settledWrites(seasonDeadline, "met", today));
      return { body: { caseId, status: record.status }, ops };
    },
    { retryWhen: (w) => w.op === "putOrganization" || w.op === "putDeadline" },
  ).catch((error: unknown) => {
    if (error instanceof ConflictError && error.failedOp === 0) {
      throw new StateConflict("report_exists", `a report on ${report.year} has already been filed`);
    }
    if (error instanceof ConflictError)
      throw new StateConflict("organization_changed", "the organization changed meanwhile; try again");
    throw error;
  });
  if (result.fresh) {
    await startPending(deps, {
      caseId: result.body.caseId,
      workflow: "annualInspection",
      input: { caseId: result.body.caseId, preReview },
    });
    await deps.notifier.enqueue(messageIds);
  }
  return { status: result.status, body: result.body };
}
