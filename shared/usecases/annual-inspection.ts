import {
  type AnnualReport,
  annualReportDueDates,
  annualReportProblems,
  annualReportRiskFlags,
  type InspectionOutcome,
  mustReport,
  requiresSupervisoryPreReview,
  simplifiedProcedure,
} from "../domain/annual-inspection/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { decisionDueDate } from "../domain/cases/decision-clock.js";
import {
  actorLabel,
  type CaseRecord,
  caseSubject,
  type DeadlineRecord,
  organizationSubject,
  SYSTEM,
} from "../domain/cases/records.js";
import { newId } from "../domain/ids.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import { composeMessages } from "../notify/compose.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { caseChange, outboxWrites } from "./case-change.js";
import { enterCreditList } from "./credit-lists.js";
import { scheduled, settleDeadline } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { conflict, forbidden, invalid, notFound, unprocessable } from "./errors.js";
import { createOnce, type IdempotencyRequest } from "./idempotency.js";
import { actorOf, type Principal } from "./principal.js";
import { pendingStart } from "./start-workflow.js";

/** What an annual-inspection case carries: the report and what its messages need. */
export interface AnnualInspectionApplication {
  uscc: string;
  name: string;
  contact: { email: string; phone: string };
  year: number;
  report: AnnualReport;
}

const OUTCOME_NAMES: Record<InspectionOutcome, string> = {
  pass: "合格",
  basic_pass: "基本合格",
  fail: "不合格",
};

/**
 * The season (年检季): an annual-report deadline for every organization of the jurisdiction that must report
 * on `year`, due by type per the jurisdiction's settings and moved off holidays. Safe to run again: a
 * deadline that exists is left as it is.
 */
export async function startAnnualReportSeason(
  deps: Deps,
  principal: Principal,
  input: { year: number; jurisdiction?: string },
) {
  const jurisdiction = principal.role === "regulator" ? principal.jurisdiction : input.jurisdiction;
  if (principal.role === "org") throw forbidden("only a regulator opens the season");
  if (!jurisdiction)
    throw invalid([{ field: "jurisdiction", code: "required", message: "name the jurisdiction" }]);
  const settings = settingsFor(jurisdiction);
  const now = deps.clock.now();
  // A season covers a year that has begun; its reports are due the year after.
  if (input.year > Number(shanghaiDate(now).slice(0, 4))) {
    throw unprocessable("year_not_begun", `the ${input.year} season cannot open before ${input.year} begins`);
  }
  let considered = 0;
  let created = 0;
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(jurisdiction, after ? { after } : {});
    after = page.next;
    const ops: WriteOp[] = [];
    for (const org of page.items) {
      if (!mustReport(org, input.year)) continue;
      considered++;
      ops.push({
        op: "putDeadline",
        deadline: annualReportDeadline(org, input.year, settings.annualInspection, now),
      });
    }
    created += await deps.store.putAllIfAbsent(ops);
  } while (after);
  return {
    year: input.year,
    jurisdiction,
    organizations: considered,
    created,
    existing: considered - created,
  };
}

function annualReportDeadline(
  org: OrganizationRecord,
  year: number,
  settings: Parameters<typeof annualReportDueDates>[2],
  now: Date,
): DeadlineRecord {
  const due = annualReportDueDates(
    org.orgType,
    year,
    settings,
    Boolean(org.supervisoryUnit),
  ).registrationAuthority;
  return scheduled(
    {
      subject: organizationSubject(org.uscc),
      kind: "annual_report",
      ref: String(year),
      dueDate: due.date,
      calendarPublished: due.calendarPublished,
      status: "open",
      jurisdiction: org.jurisdiction,
      orgName: org.name,
      uscc: org.uscc,
      organizationContact: org.contact,
      // 未按规定报送年度工作报告 → 活动异常名录.
      onExpiry: { creditList: { list: "abnormal", ground: "annual_report_not_submitted" } },
      version: 1,
    },
    now,
  );
}

function upsertInspection(
  org: OrganizationRecord,
  year: number,
  outcome: OrganizationRecord["annualInspections"][number]["outcome"],
) {
  const others = org.annualInspections.filter((i) => i.year !== year);
  return [...others, { year, outcome }].sort((a, b) => b.year - a.year);
}

/** 年度工作报告: one per organization and year (again only after it was returned for correction). */
export async function fileAnnualReport(
  deps: Deps,
  principal: Principal,
  uscc: string,
  report: AnnualReport,
  idem?: IdempotencyRequest,
) {
  if (principal.role !== "org" || principal.uscc !== uscc)
    throw forbidden("only the organization files its report");
  const org = await deps.store.getOrganization(uscc);
  if (!org) throw notFound("organization");
  if (org.status !== "registered") throw unprocessable("not_registered", `the organization is ${org.status}`);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const problems = annualReportProblems(report, { registeredOn: org.registeredOn, today });
  if (problems.length > 0) throw invalid(problems);
  if (!mustReport(org, report.year)) {
    throw unprocessable(
      "not_required",
      `the organization was not registered before the end of ${report.year}`,
    );
  }
  const settings = settingsFor(org.jurisdiction);
  const simplified = simplifiedProcedure(org.grade, today, settings.annualInspection.simplifiedFromGrade);
  const preReview = requiresSupervisoryPreReview(org, simplified);
  let messageIds: string[] = [];
  const result = await createOnce<{ caseId: string; status: string }>(deps, idem, async () => {
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
      application,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const limit = decisionDueDate(today, settings.annualInspection.reviewWorkingDays);
    const reviewLimit = scheduled(
      {
        subject: caseSubject(caseId),
        kind: "decision_limit",
        ref: caseId,
        dueDate: limit.date,
        calendarPublished: limit.calendarPublished,
        status: "open",
        jurisdiction: org.jurisdiction,
        orgName: org.name,
        uscc,
        caseId,
        organizationContact: org.contact,
        version: 1,
      },
      now,
    );
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
      { op: "putCase", record, expectVersion: "absent" },
      {
        op: "appendEvent",
        subject: caseSubject(caseId),
        event: {
          at,
          actor: actorLabel(actorOf(principal)),
          action: "submitted",
          note: `annual report ${report.year}`,
        },
      },
      { op: "putDeadline", deadline: reviewLimit, expectVersion: "absent" },
      pendingStart(caseId, "annualInspection", { caseId, preReview }, now),
      {
        op: "putOrganization",
        organization: {
          ...org,
          annualInspections: upsertInspection(org, report.year, "pending"),
          version: org.version + 1,
        },
        expectVersion: org.version,
      },
      ...outboxWrites(messages),
      ...alerts.map((alert): WriteOp => ({ op: "putAlert", alert, expectVersion: "absent" })),
    ];
    if (seasonDeadline && seasonDeadline.status !== "met") ops.push(settleDeadline(seasonDeadline, "met"));
    return { body: { caseId, status: record.status }, ops };
  }).catch((error: unknown) => {
    if (error instanceof ConflictError && error.failedOp !== undefined && error.failedOp <= 1) {
      throw conflict("report_exists", `a report on ${report.year} has already been filed`);
    }
    if (error instanceof ConflictError)
      throw conflict("organization_changed", "the organization changed meanwhile; try again");
    throw error;
  });
  if (result.fresh) {
    await deps.workflows.start("annualInspection", result.body.caseId, {
      caseId: result.body.caseId,
      preReview,
    });
    await deps.notifier.enqueue(messageIds);
  }
  return { status: result.status, body: result.body };
}

/** The registration authority's outcome: on the organization's record, and a rectification for the lesser two. */
export async function recordInspectionOutcome(
  deps: Deps,
  input: { caseId: string; outcome: InspectionOutcome; reason?: string },
): Promise<{ rectification: boolean }> {
  const rectification = input.outcome !== "pass";
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = (await deps.store.getCase(input.caseId)) as
      | CaseRecord<AnnualInspectionApplication>
      | undefined;
    if (!record) throw new Error(`case ${input.caseId} not found`);
    if (record.status !== "under_review" && record.status !== "supervisory_review") return { rectification };
    const app = record.application;
    const org = await deps.store.getOrganization(app.uscc);
    if (!org) throw new Error(`organization ${app.uscc} not found`);
    const now = deps.clock.now();
    const settings = settingsFor(record.jurisdiction);
    const limit = await deps.store.getDeadline({
      subject: caseSubject(record.caseId),
      kind: "decision_limit",
      ref: record.caseId,
    });
    const messages = composeMessages({
      kind: "inspection_outcome",
      ref: record.caseId,
      to: app.contact,
      vars: {
        orgName: app.name,
        year: String(app.year),
        outcome: OUTCOME_NAMES[input.outcome],
        reason: input.reason ?? "",
        link: `${settings.reminders.portalUrl.replace(/\/$/, "")}/cases/${record.caseId}`,
      },
      locale: settings.reminders.locale,
      jurisdiction: record.jurisdiction,
      now,
    });
    const extra: WriteOp[] = [
      {
        op: "putOrganization",
        organization: {
          ...org,
          annualInspections: upsertInspection(org, app.year, input.outcome),
          version: org.version + 1,
        },
        expectVersion: org.version,
      },
      ...outboxWrites(messages),
    ];
    if (limit) extra.push(settleDeadline(limit, "met"));
    try {
      await deps.store.transact(
        caseChange(
          record,
          { status: rectification ? "rectifying" : "inspected" },
          { actor: SYSTEM, action: `inspected:${input.outcome}`, note: input.reason, at: now },
          extra,
        ),
      );
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { rectification };
  }
  throw new Error(`could not record the outcome of ${input.caseId}`);
}

/** An unmet rectification (or another ground a workflow sees) lists the organization as abnormal. */
export async function listAbnormal(deps: Deps, input: { caseId: string; ground: string }) {
  const record = await deps.store.getCase(input.caseId);
  if (!record?.uscc) throw new Error(`case ${input.caseId} has no organization`);
  const result = await enterCreditList(deps, {
    uscc: record.uscc,
    list: "abnormal",
    ground: input.ground,
    decidedBy: "system",
  });
  const fresh = await deps.store.getCase(input.caseId);
  if (fresh && fresh.status === "rectifying") {
    await deps.store.transact(
      caseChange(
        fresh,
        { status: "rectification_missed" },
        { actor: SYSTEM, action: "rectification_missed", at: deps.clock.now() },
      ),
    );
  }
  return result;
}

/** 撤销登记, decided by an officer: the registration ends and the organization enters the serious list. */
export async function revokeRegistration(deps: Deps, input: { caseId: string; reason?: string }) {
  const record = await deps.store.getCase(input.caseId);
  if (!record?.uscc) throw new Error(`case ${input.caseId} has no organization`);
  if (record.status === "revoked") return { status: "revoked" };
  await enterCreditList(deps, {
    uscc: record.uscc,
    list: "serious",
    ground: "registration_revoked",
    decidedBy: "system",
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    const org = await deps.store.getOrganization(record.uscc);
    const current = await deps.store.getCase(input.caseId);
    if (!org || !current) throw new Error("organization or case vanished");
    const now = deps.clock.now();
    try {
      await deps.store.transact(
        caseChange(
          current,
          { status: "revoked" },
          { actor: SYSTEM, action: "registration_revoked", note: input.reason, at: now },
          [
            {
              op: "putOrganization",
              organization: { ...org, status: "revoked", version: org.version + 1 },
              expectVersion: org.version,
            },
            {
              op: "appendEvent",
              subject: organizationSubject(org.uscc),
              event: {
                at: now.toISOString(),
                actor: "system",
                action: "registration_revoked",
                note: input.reason,
              },
            },
          ],
        ),
      );
      return { status: "revoked" };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new Error(`could not revoke ${record.uscc}`);
}
