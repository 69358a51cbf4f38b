import { awaitTask, invokeStep, type StateMachineDefinition, stallStates } from "./asl.js";
import { supervisoryConsentStates } from "./supervisory-consent.js";

/**
 * 年度检查: the supervisory unit's pre-review where dual management applies (not for 4A+ under the simplified
 * procedure), the registration authority's outcome, and for 基本合格/不合格 a rectification (整改) that is
 * filed and reviewed, or, missed, lists the organization as abnormal. Input: { caseId, preReview }.
 */
export const annualInspectionDefinition: StateMachineDefinition = {
  Comment: "Annual inspection (年度检查) of a social organization",
  StartAt: "RouteStart",
  States: {
    RouteStart: {
      Type: "Choice",
      Choices: [{ Variable: "$.preReview", BooleanEquals: true, Next: "AwaitSupervisoryReview" }],
      Default: "AwaitAuthorityReview",
    },
    ...supervisoryConsentStates({
      awaitState: "AwaitSupervisoryReview",
      routeState: "RoutePreReview",
      returnState: "ReturnForCorrection",
      step: "supervisory_review",
      resultPath: "$.preReviewDecision",
      next: "AwaitAuthorityReview",
    }),
    AwaitAuthorityReview: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "annual_inspection_review", queue: "annual_inspection" },
      resultPath: "$.decision",
      next: "RecordOutcome",
      catchNext: "RecordStall",
    }),
    RecordOutcome: invokeStep("record-inspection-outcome", {
      payload: { "caseId.$": "$.caseId", "outcome.$": "$.decision.outcome", "reason.$": "$.decision.reason" },
      resultPath: "$.recorded",
      next: "RouteOutcome",
      catchNext: "RecordStall",
    }),
    RouteOutcome: {
      Type: "Choice",
      Choices: [
        { Variable: "$.recorded.result.rectification", BooleanEquals: true, Next: "AwaitRectification" },
      ],
      Default: "Inspected",
    },
    AwaitRectification: awaitTask({
      payload: {
        "caseId.$": "$.caseId",
        step: "rectification",
        queue: "applicant",
        "reason.$": "$.decision.reason",
      },
      resultPath: "$.rectification",
      next: "RouteRectification",
      catchNext: "RecordStall",
    }),
    RouteRectification: {
      Type: "Choice",
      Choices: [
        { Variable: "$.rectification.outcome", StringEquals: "filed", Next: "AwaitRectificationReview" },
        { Variable: "$.rectification.outcome", StringEquals: "expired", Next: "ListAbnormal" },
      ],
      Default: "RecordStall",
    },
    AwaitRectificationReview: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "rectification_review", queue: "annual_inspection" },
      resultPath: "$.rectificationDecision",
      next: "RouteRectificationReview",
      catchNext: "RecordStall",
    }),
    RouteRectificationReview: {
      Type: "Choice",
      Choices: [
        {
          Variable: "$.rectificationDecision.outcome",
          StringEquals: "accept",
          Next: "RectificationAccepted",
        },
        { Variable: "$.rectificationDecision.outcome", StringEquals: "reject", Next: "AwaitRectification" },
      ],
      Default: "RecordStall",
    },
    RectificationAccepted: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "rectified" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    ListAbnormal: invokeStep("list-abnormal", {
      payload: { "caseId.$": "$.caseId", ground: "rectification_not_completed" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    Inspected: { Type: "Succeed" },
    ...stallStates(),
  },
};
