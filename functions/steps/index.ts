import type { Deps } from "../../shared/usecases/support/deps.js";
import { step as announceGrade } from "./announce-grade.js";
import { step as approveChange } from "./approve-change.js";
import { step as approveDeregistration } from "./approve-deregistration.js";
import { step as approveRegistration } from "./approve-registration.js";
import { step as closeCase } from "./close-case.js";
import type { Step } from "./define-step.js";
import { step as listAbnormal } from "./list-abnormal.js";
import { step as openTask } from "./open-task.js";
import { step as proposeGrade } from "./propose-grade.js";
import { step as recordInspectionOutcome } from "./record-inspection-outcome.js";
import { step as recordMajorEventOutcome } from "./record-major-event-outcome.js";
import { step as recordStall } from "./record-stall.js";
import { step as revokeRegistration } from "./revoke-registration.js";

/** Every step module by the name the workflows call it (workflows/index.ts lists them per workflow). */
export const steps: Record<string, Step<unknown>> = {
  "open-task": openTask,
  "approve-registration": approveRegistration,
  "close-case": closeCase,
  "record-stall": recordStall,
  "record-inspection-outcome": recordInspectionOutcome,
  "list-abnormal": listAbnormal,
  "revoke-registration": revokeRegistration,
  "propose-grade": proposeGrade,
  "announce-grade": announceGrade,
  "record-major-event-outcome": recordMajorEventOutcome,
  "approve-change": approveChange,
  "approve-deregistration": approveDeregistration,
};

/** The steps as in-process runners, for the local engine. */
export function stepRunners(deps: Deps): Record<string, (payload: unknown) => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(steps).map(([name, s]) => [name, (payload: unknown) => s.run(deps, payload)]),
  );
}
