import type { ChangeableField, JurisdictionSettings } from "../../settings/index.js";
import type { FieldProblem } from "../errors.js";
import type { FiledBy, OrganizationRecord, RecordChange } from "../organizations/records.js";
import { streetCodeProblems } from "../organizations/street.js";
import { type NameCheckResult, normalizeName } from "./name-check.js";
import { minimumFunds, requiresSupervisoryUnit } from "./rules.js";

export type { ChangeableField } from "../../settings/index.js";

export interface Material {
  kind: string;
  ref: string;
}

/** What a change registration (变更登记) asks to change; the USCC is not among them: it never changes. */
export interface RecordChanges {
  name?: string;
  domicile?: string;
  /** A new domicile may lie in another street or town of the same jurisdiction. */
  streetCode?: string;
  legalRepresentative?: { name: string; idNumber: string; phone: string };
  businessScope?: string;
  fundsCny?: number;
  supervisoryUnit?: string;
}

export interface ChangeApplication {
  changes: RecordChanges;
  materials: Material[];
}

const FIELDS: readonly ChangeableField[] = [
  "name",
  "domicile",
  "streetCode",
  "legalRepresentative",
  "businessScope",
  "fundsCny",
  "supervisoryUnit",
];

function sameValue(field: ChangeableField, org: OrganizationRecord, value: unknown): boolean {
  const current = org[field];
  if (field === "legalRepresentative") {
    const a = current as RecordChanges["legalRepresentative"];
    const b = value as RecordChanges["legalRepresentative"];
    return a?.name === b?.name && a?.idNumber === b?.idNumber && a?.phone === b?.phone;
  }
  if (field === "name") return normalizeName(String(current ?? "")) === normalizeName(String(value));
  // No supervisory unit is written both as absent and as "".
  if (field === "supervisoryUnit") return String(current ?? "").trim() === String(value).trim();
  return current === value;
}

/** What a change case carries: who filed it, the changes asked for, the fields they change, the materials. */
export interface ChangeCaseApplication extends FiledBy {
  changes: RecordChanges;
  fields: ChangeableField[];
  materials: Material[];
}

/** The fields the application really changes, in the register's order. */
export function changedFields(org: OrganizationRecord, changes: RecordChanges): ChangeableField[] {
  return FIELDS.filter((field) => changes[field] !== undefined && !sameValue(field, org, changes[field]));
}

/** 双重管理: whether the organization (after the change) answers to a business supervisory unit. */
export function underDualManagement(org: OrganizationRecord, changes: RecordChanges = {}): boolean {
  const unit = changes.supervisoryUnit ?? org.supervisoryUnit ?? "";
  return unit.trim() !== "" || (org.supervisoryUnit ?? "").trim() !== "";
}

/**
 * The materials a change needs: the jurisdiction's set, the outgoing legal representative's departure audit
 * (离任审计) when the legal representative changes, and the supervisory unit's consent under dual management.
 */
export function requiredChangeMaterials(
  org: OrganizationRecord,
  changes: RecordChanges,
  settings: JurisdictionSettings["change"],
): string[] {
  const fields = changedFields(org, changes);
  const required = [...settings.requiredMaterials];
  if (fields.includes("legalRepresentative")) required.push("departure_audit");
  if (consentingUnit(org, changes, settings) !== undefined) required.push("supervisory_unit_approval");
  return [...new Set(required)];
}

/**
 * The supervisory unit whose consent the change needs before the bureau reviews it (经业务主管单位同意): under
 * dual management, when a field of `consentFields` changes, the unit the organization answers to after the
 * change (the one it leaves, when it drops its unit); none otherwise.
 */
export function consentingUnit(
  org: OrganizationRecord,
  changes: RecordChanges,
  settings: JurisdictionSettings["change"],
): string | undefined {
  const fields = changedFields(org, changes);
  if (!underDualManagement(org, changes) || !fields.some((f) => settings.consentFields.includes(f))) {
    return undefined;
  }
  return (changes.supervisoryUnit ?? "").trim() || (org.supervisoryUnit ?? "").trim() || undefined;
}

export function missingMaterials(required: readonly string[], materials: readonly Material[]): string[] {
  const supplied = new Set(materials.filter((m) => m.ref.trim() !== "").map((m) => m.kind));
  return required.filter((kind) => !supplied.has(kind));
}

const missingViolation = (missing: string[]): FieldProblem[] =>
  missing.length === 0
    ? []
    : [
        {
          field: "materials",
          code: "materials_missing",
          message: `Missing materials: ${missing.join(", ")}`,
        },
      ];

/**
 * Grounds to refuse or correct a change registration: nothing that changes, missing materials, a new
 * name that fails the name check, funds below the minimum, or dropping the supervisory unit of an
 * organization that cannot register directly.
 */
export function checkChangeApplication(
  org: OrganizationRecord,
  application: ChangeApplication,
  settings: JurisdictionSettings,
  nameCheck?: NameCheckResult,
): FieldProblem[] {
  const { changes } = application;
  const fields = changedFields(org, changes);
  if (fields.length === 0) {
    return [
      { field: "changes", code: "no_change", message: "The application changes nothing on the record" },
    ];
  }
  const violations = missingViolation(
    missingMaterials(requiredChangeMaterials(org, changes, settings.change), application.materials),
  );
  violations.push(...streetCodeProblems("changes.streetCode", changes.streetCode, org.jurisdiction));
  if (fields.includes("name") && nameCheck) {
    violations.push(...nameCheck.problems.map((p) => ({ ...p, field: "changes.name" })));
  }
  if (fields.includes("fundsCny")) {
    const minimum = minimumFunds(org, settings.registration, settings.level);
    if (!((changes.fundsCny ?? 0) >= minimum)) {
      violations.push({
        field: "changes.fundsCny",
        code: "funds_below_minimum",
        message: `Funds of ${changes.fundsCny} yuan are below the minimum of ${minimum} yuan`,
      });
    }
  }
  const scope = {
    name: changes.name ?? org.name,
    businessScope: changes.businessScope ?? org.businessScope ?? "",
  };
  if (
    changes.supervisoryUnit !== undefined &&
    changes.supervisoryUnit.trim() === "" &&
    requiresSupervisoryUnit(scope)
  ) {
    violations.push({
      field: "changes.supervisoryUnit",
      code: "supervisory_unit_missing",
      message: "The organization does not qualify for direct registration and keeps a supervisory unit",
    });
  }
  return violations;
}

// The public record shows the legal representative by name only.
function publicValue(field: ChangeableField, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (field === "legalRepresentative") return (value as { name: string }).name;
  return value as string | number;
}

/** The record after an approved change, the USCC untouched, with what changed appended to its history. */
export function applyChanges(
  org: OrganizationRecord,
  changes: RecordChanges,
  on: string,
): { organization: OrganizationRecord; history: RecordChange[] } {
  const fields = changedFields(org, changes);
  const history = fields.map(
    (field): RecordChange => ({
      field,
      from: publicValue(field, org[field]),
      to: publicValue(field, changes[field]),
      on,
    }),
  );
  const organization: OrganizationRecord = { ...org, history: [...(org.history ?? []), ...history] };
  for (const field of fields) {
    const value = changes[field];
    if (field === "supervisoryUnit" && value === "") delete organization.supervisoryUnit;
    else Object.assign(organization, { [field]: value });
  }
  return { organization: { ...organization, uscc: org.uscc }, history };
}
