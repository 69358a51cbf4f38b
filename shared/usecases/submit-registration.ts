import { actorOf, type Principal } from "../domain/access/policy.js";
import { actorLabel, type CaseRecord } from "../domain/cases/records.js";
import { InvalidInput, NotPermitted } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import {
  checkName,
  checkRegistrationApplication,
  decisionLimitDays,
  type RegistrationApplication,
} from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import { settingsFor } from "../settings/index.js";
import { caseOpening, outboxWrites } from "./support/case-change.js";
import type { Deps } from "./support/deps.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";
import {
  checkNameOnRegister,
  holdName,
  nameContext,
  nameHeldElsewhere,
  refuseTakenName,
} from "./support/name-register.js";
import { officialCalendar } from "./support/official-calendar.js";
import { decisionLimitDeadline } from "./support/record-application.js";
import { pendingStart, startPending } from "./support/start-workflow.js";

export interface SubmittedRegistration {
  caseId: string;
  status: CaseRecord["status"];
}

/**
 * 成立登记: checks the application against the jurisdiction's rules, records the case with its decision
 * limit (the application counts as accepted on arrival, 《行政许可法》第三十二条), notifies the applicant and
 * starts the registration workflow.
 */
export async function submitRegistration(
  deps: Deps,
  principal: Principal,
  application: RegistrationApplication,
  idem?: IdempotencyRequest,
) {
  if (principal.role !== "org") throw new NotPermitted("only an organization applies for registration");
  const settings = settingsFor(application.jurisdiction);
  const context = nameContext(application.jurisdiction);
  const violations = checkRegistrationApplication(application, settings.registration, context);
  // Forbidden words need no register; names held by others are looked up once the request is known to be new.
  const wordProblems = checkName(application, settings.nameCheck, context, []).problems.filter(
    (p) => p.code === "name_forbidden_word" || p.code === "name_national_word",
  );
  if (violations.length + wordProblems.length > 0) throw new InvalidInput([...violations, ...wordProblems]);

  let messageIds: string[] = [];
  const result = await createOnce<SubmittedRegistration>(deps, idem, async () => {
    refuseTakenName(await checkNameOnRegister(deps, application), "name", application.name);
    const now = deps.clock.now();
    const at = now.toISOString();
    const caseId = newId("REG", now);
    const record: CaseRecord<RegistrationApplication> = {
      caseId,
      kind: "registration",
      status: "under_review",
      jurisdiction: application.jurisdiction,
      applicantSub: principal.sub,
      ...(principal.issuer ? { applicantIssuer: principal.issuer } : {}),
      application,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const decisionLimit = decisionLimitDeadline(
      {
        caseId,
        jurisdiction: application.jurisdiction,
        orgName: application.name,
        contact: application.contact,
        limitWorkingDays: decisionLimitDays(application.orgType, settings.registration),
      },
      now,
      await officialCalendar(deps.store),
    );
    const messages = composeMessages({
      kind: "registration_submitted",
      ref: caseId,
      to: application.contact,
      vars: { orgName: application.name, caseId, dueDate: decisionLimit.dueDate },
      jurisdiction: application.jurisdiction,
      now,
    });
    messageIds = messages.map((m) => m.id);
    return {
      body: { caseId, status: record.status },
      ops: [
        ...caseOpening(record, { actor: actorLabel(actorOf(principal)), action: "submitted" }),
        { op: "putDeadline", deadline: decisionLimit, expectVersion: "absent" },
        holdName(application.jurisdiction, application.name, "pending", caseId, now),
        pendingStart(caseId, "registration", { caseId, jurisdiction: application.jurisdiction }, now),
        ...outboxWrites(messages),
      ],
    };
  }).catch(nameHeldElsewhere("name", application.name));
  if (result.fresh) {
    await startPending(deps, {
      caseId: result.body.caseId,
      workflow: "registration",
      input: { caseId: result.body.caseId, jurisdiction: application.jurisdiction },
    });
    await deps.notifier.enqueue(messageIds);
  }
  return { status: result.status, body: result.body };
}
