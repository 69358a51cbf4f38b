import type { FieldProblem } from "../errors.js";
import { organizationTypeOfCategory, validateUscc } from "../identifiers/uscc.js";
import type { OrgType } from "../registration/rules.js";
import type { OrganizationRecord } from "./records.js";

/** A USCC must be well formed, and its category and division must agree with the type and jurisdiction. */
export function usccProblems(uscc: string, orgType: OrgType, jurisdiction: string): FieldProblem[] {
  const checked = validateUscc(uscc);
  if (!checked.ok) return [{ field: "uscc", code: checked.problem, message: checked.message }];
  const problems: FieldProblem[] = [];
  if (checked.uscc.authority !== "5") {
    problems.push({
      field: "uscc",
      code: "authority",
      message: "not issued by a civil-affairs registration authority (5)",
    });
  }
  if (organizationTypeOfCategory(checked.uscc.category) !== orgType) {
    problems.push({
      field: "orgType",
      code: "category_mismatch",
      message: `USCC category ${checked.uscc.category} contradicts orgType ${orgType}`,
    });
  }
  if (checked.uscc.division !== jurisdiction) {
    problems.push({
      field: "jurisdiction",
      code: "division_mismatch",
      message: `USCC division ${checked.uscc.division} contradicts jurisdiction ${jurisdiction}`,
    });
  }
  return problems;
}

export type ImportedOrganization = Omit<
  OrganizationRecord,
  "status" | "creditLists" | "annualInspections" | "createdAt" | "version" | "registrationCaseId"
>;
