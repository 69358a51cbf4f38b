export {
  type AssessmentCandidate,
  assessmentEligibility,
  type EligibilityRules,
  type IneligibilityCode,
  type IneligibilityReason,
} from "./eligibility.js";
export {
  certificateNumber,
  DEFAULT_GRADE_THRESHOLDS,
  expiresBy,
  GRADES,
  type GradeThresholds,
  gradeExpiresOn,
  gradeForTotal,
  gradeRank,
  gradeThresholdProblems,
  gradeValidUntil,
  isGradeValid,
  isThreeAAndAbove,
} from "./grades.js";
export { DEFAULT_INDICATOR_SYSTEMS } from "./indicator-systems.js";
export {
  aggregateScores,
  type Indicator,
  type IndicatorSystem,
  indicatorSystemFor,
  indicatorSystemProblems,
  leaves,
  NATIONAL,
  type ScoredIndicator,
  type ScoreProblem,
  scoreProblems,
} from "./indicators.js";
export { ASSESSMENT_MATERIALS } from "./materials.js";
export { noticeOpenForObjections, publicNoticeEnds } from "./notice.js";
