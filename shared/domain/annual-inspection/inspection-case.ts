import type { OrganizationRecord } from "../organizations/records.js";
import type { AnnualReport } from "./report.js";

/** What an annual-inspection case carries: the report and what its messages need. */
export interface AnnualInspectionApplication {
  uscc: string;
  name: string;
  contact: { email: string; phone: string };
  year: number;
  report: AnnualReport;
}

/** The organization's inspections with this year's outcome in place of any earlier one, newest first. */
export function upsertInspection(
  org: OrganizationRecord,
  year: number,
  outcome: OrganizationRecord["annualInspections"][number]["outcome"],
) {
  const others = org.annualInspections.filter((i) => i.year !== year);
  return [...others, { year, outcome }].sort((a, b) => b.year - a.year);
}
