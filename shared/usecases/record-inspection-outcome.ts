import type { InspectionOutcome } from "../domain/annual-inspection/index.js";
import type { AnnualInspectionApplication } from "../domain/annual-inspection/inspection-case.js";
import { upsertInspection } from "../domain/annual-inspection/inspection-case.js";
import { OUTCOME_NAMES } from "../domain/annual-inspection/outcomes.js";
import { type CaseRecord, caseSubject, SYSTEM } from "../domain/cases/records.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/** The registration authority's outcome: on the organization's record, and a rectification for the lesser two. */
export async function recordInspectionOutcome(
  deps: Deps,
  input: { caseId: string; outcome: InspectionOutcome; reason?: string },
): Promise<{ rectification: boolean }> {
  const rectification = input.outcome !== "pass";
  return retryOnConflict(async () => {
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
    if (limit) extra.push(...settledWrites(limit, "met"));
    await deps.store.transact(
      caseChange(
        record,
        { status: rectification ? "rectifying" : "inspected" },
        { actor: SYSTEM, action: `inspected:${input.outcome}`, note: input.reason, at: now },
        extra,
      ),
    );
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { rectification };
  });
}
