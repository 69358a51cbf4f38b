import type { Contact, DeadlineRecord } from "../../domain/cases/records.js";
import { type Audience, type Firing, rungMessageRef } from "../../domain/deadlines/index.js";
import { composeMessages } from "../../notify/compose.js";
import type { OutboxNotification } from "../../notify/message.js";
import { reminderKind } from "../../notify/templates.js";
import type { JurisdictionSettings } from "../../settings/index.js";

export function recipients(d: DeadlineRecord, audience: Audience, settings: JurisdictionSettings): Contact {
  const regulators = settings.reminders.regulatorContacts;
  switch (audience) {
    case "organization":
      return d.organizationContact ?? {};
    case "queue":
    case "case_officer":
      return regulators.queue;
    case "supervisor":
      return regulators.supervisor;
  }
}

/** Where a message about a deadline points: its case, else its organization, on the portal. */
export function deadlineLink(d: DeadlineRecord, settings: JurisdictionSettings): string {
  const portal = settings.reminders.portalUrl.replace(/\/$/, "");
  if (d.caseId) return `${portal}/cases/${d.caseId}`;
  return d.uscc ? `${portal}/organizations/${d.uscc}` : portal;
}

/** The notifications one rung sends: one per audience, on every channel it has, named by the deadline's generation. */
export function messagesFor(
  d: DeadlineRecord,
  firing: Firing,
  settings: JurisdictionSettings,
  now: Date,
  usefulUntil?: Date,
): OutboxNotification[] {
  const vars: Record<string, string> = {
    orgName: d.orgName ?? "",
    dueDate: d.dueDate,
    link: deadlineLink(d, settings),
    ...(d.caseId ? { caseId: d.caseId } : {}),
    ...(d.kind === "annual_report" ? { year: d.ref } : {}),
    ...d.vars,
  };
  return firing.audience.flatMap((audience) =>
    composeMessages({
      kind: reminderKind(d.kind, firing.action),
      ref: rungMessageRef(d, firing.step, audience),
      to: recipients(d, audience, settings),
      vars,
      locale: settings.reminders.locale,
      jurisdiction: d.jurisdiction,
      ...(usefulUntil ? { usefulUntil } : {}),
      now,
    }),
  );
}
