import type { JurisdictionSettings } from "../../settings/index.js";
import { compareDates, daysBetween, type IsoDate, isValidIsoDate } from "../calendar/index.js";
import { type CaseRecord, CLOSED_CASE_STATUSES, type DeadlineRecord } from "../cases/records.js";
import type { FieldProblem } from "../errors.js";
import type { FiledBy, OrganizationRecord } from "../organizations/records.js";
import { type Material, missingMaterials, underDualManagement } from "./change.js";

/** 注销登记: after liquidation (清算), with its report and, under dual management, the supervisory unit's consent. */
export interface DeregistrationApplication {
  reason: string;
  liquidation: { reportRef: string; completedOn: IsoDate };
  materials: Material[];
}

/** What a deregistration case carries: who filed it, the application, and whether it came after the filing period. */
export interface DeregistrationCaseApplication extends FiledBy, DeregistrationApplication {
  filedLate: boolean;
}

/** 注销登记须经业务主管单位同意: the unit that consents first, under dual management; none otherwise. */
export const deregistrationConsentUnit = (org: OrganizationRecord): string | undefined =>
  underDualManagement(org) ? (org.supervisoryUnit ?? "").trim() : undefined;

export function requiredDeregistrationMaterials(
  org: OrganizationRecord,
  settings: JurisdictionSettings["deregistration"],
): string[] {
  const required = [...settings.requiredMaterials];
  if (underDualManagement(org) && !required.includes("supervisory_unit_approval")) {
    required.push("supervisory_unit_approval");
  }
  return required;
}

/** Grounds to correct a deregistration application; the liquidation report given by reference counts as supplied. */
export function checkDeregistrationApplication(
  org: OrganizationRecord,
  application: DeregistrationApplication,
  settings: JurisdictionSettings["deregistration"],
  today: IsoDate,
): FieldProblem[] {
  const violations: FieldProblem[] = [];
  if (application.reason.trim() === "") {
    violations.push({
      field: "reason",
      code: "reason_required",
      message: "A deregistration states its reason",
    });
  }
  const { completedOn, reportRef } = application.liquidation;
  if (!isValidIsoDate(completedOn)) {
    violations.push({
      field: "liquidation.completedOn",
      code: "invalid_date",
      message: "expected a calendar date (YYYY-MM-DD)",
    });
  } else if (compareDates(completedOn, today) > 0) {
    violations.push({
      field: "liquidation.completedOn",
      code: "liquidation_not_completed",
      message: "The liquidation must be completed before the organization deregisters",
    });
  } else if (compareDates(completedOn, org.registeredOn) < 0) {
    violations.push({
      field: "liquidation.completedOn",
      code: "before_registration",
      message: `The liquidation cannot end before the registration on ${org.registeredOn}`,
    });
  }
  const materials =
    reportRef.trim() === ""
      ? application.materials
      : [...application.materials, { kind: "liquidation_report", ref: reportRef }];
  const missing = missingMaterials(requiredDeregistrationMaterials(org, settings), materials);
  if (missing.length > 0) {
    violations.push({
      field: "materials",
      code: "materials_missing",
      message: `Missing materials: ${missing.join(", ")}`,
    });
  }
  return violations;
}

/** An application more than the filing period after the liquidation ended is late (accepted, and noted). */
export function deregistrationFiledLate(
  completedOn: IsoDate,
  today: IsoDate,
  settings: JurisdictionSettings["deregistration"],
): boolean {
  return daysBetween(completedOn, today) > settings.filingDays;
}

/** How the register ends an organization: 注销登记 on its application, 撤销登记 by the bureau's decision. */
export type TerminationGround = "deregistered" | "revoked";

const STILL_RUNNING: readonly DeadlineRecord["status"][] = ["open", "extended", "paused"];

/** What ending an organization closes: every deadline still running is waived, every open case withdrawn. */
export function closedOnTermination(
  deadlines: readonly DeadlineRecord[],
  cases: readonly CaseRecord[],
  keepCaseId?: string,
): { waive: DeadlineRecord[]; withdraw: CaseRecord[] } {
  return {
    waive: deadlines.filter((d) => STILL_RUNNING.includes(d.status)),
    withdraw: cases.filter((c) => c.caseId !== keepCaseId && !CLOSED_CASE_STATUSES.includes(c.status)),
  };
}
