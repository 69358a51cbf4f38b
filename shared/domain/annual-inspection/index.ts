export { type AnnualReportDueDates, annualReportDueDates, mustReport } from "./due-dates.js";
export {
  type InspectionOutcome,
  rectificationDue,
  requiresSupervisoryPreReview,
  simplifiedProcedure,
} from "./outcomes.js";
export {
  type AnnualReport,
  ageOn,
  annualReportProblems,
  type Leader,
  MINIMUM_LEADER_AGE,
  type OfficialStatus,
} from "./report.js";
export { annualReportRiskFlags, type RiskContext, type RiskFlag } from "./risks.js";
export { type AnnualReportSeason, annualReportSeason, reportFiled, seasonDeadlineOf } from "./season.js";
