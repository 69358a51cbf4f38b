import type { DeadlineRecord } from "../../domain/cases/records.js";
import { maskResidentId } from "../../domain/identifiers/index.js";
import type { RegistrationApplication } from "../../domain/registration/index.js";
import { deadlineId } from "./deadline-writes.js";

/** ID numbers never leave the store unmasked. */
export function maskApplication(application: unknown): unknown {
  const app = application as Partial<RegistrationApplication>;
  if (!app?.legalRepresentative) return application;
  return {
    ...app,
    legalRepresentative: {
      ...app.legalRepresentative,
      idNumber: maskResidentId(app.legalRepresentative.idNumber),
    },
  };
}

export const deadlineView = (d: DeadlineRecord) => ({
  deadlineId: deadlineId(d),
  kind: d.kind,
  dueDate: d.dueDate,
  status: d.status,
  ...(d.calendarPublished === false ? { calendarPublished: false } : {}),
});
