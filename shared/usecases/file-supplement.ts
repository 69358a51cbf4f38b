import type { Principal } from "../domain/access/policy.js";
import type { RegistrationApplication } from "../domain/registration/index.js";
import { answerApplicantTask } from "./support/applicant-answer.js";
import type { Deps } from "./support/deps.js";

/** 补正: the applicant files the requested materials; the case returns to review with a full decision limit. */
export function submitSupplement(
  deps: Deps,
  principal: Principal,
  caseId: string,
  materials: { kind: string; ref: string }[],
) {
  return answerApplicantTask<RegistrationApplication>(deps, principal, caseId, "supplement", {
    outcome: "supplied",
    action: "supplement_filed",
    note: materials.map((m) => m.kind).join(", "),
    patch: (record) => {
      const byKind = new Map(record.application.materials.map((m) => [m.kind, m]));
      for (const m of materials) byKind.set(m.kind, m);
      return { application: { ...record.application, materials: [...byKind.values()] } };
    },
    meets: (task) => ({ kind: "supplement", ref: task.taskId }),
  });
}
