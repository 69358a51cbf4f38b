/** What an organization files with its self-assessment (申请评估材料); anything else is `other`. */
export const ASSESSMENT_MATERIALS = [
  "self_assessment_report",
  "audit_report",
  "annual_work_report",
  "financial_statements",
  "party_building_report",
  "service_records",
  "honours",
] as const;
