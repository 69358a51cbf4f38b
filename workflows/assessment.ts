import { awaitTask, invokeStep, type StateMachineDefinition, stallStates, supplementStates } from "./asl.js";

/**
 * 等级评估: preliminary review of the application (补正 possible), expert panel scoring, the assessment
 * committee (which may return the scores to the panel), the public notice (公示) ended by its deadline or
 * an objection, a re-review (复核) after an objection, and the announcement of the grade. Input: { caseId }.
 */
export const assessmentDefinition: StateMachineDefinition = {
  Comment: "Grade assessment (等级评估) of a social organization",
  StartAt: "AwaitPreliminaryReview",
  States: {
    AwaitPreliminaryReview: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "assessment_preliminary_review", queue: "assessment" },
      resultPath: "$.review",
      next: "RouteReview",
      catchNext: "RecordStall",
    }),
    RouteReview: {
      Type: "Choice",
      Choices: [
        { Variable: "$.review.outcome", StringEquals: "approve", Next: "AwaitScoring" },
        { Variable: "$.review.outcome", StringEquals: "request_supplement", Next: "AwaitSupplement" },
        { Variable: "$.review.outcome", StringEquals: "reject", Next: "Reject" },
      ],
      Default: "RecordStall",
    },
    ...supplementStates({
      step: "assessment_supplement",
      reasonPath: "$.review.reason",
      backTo: "AwaitPreliminaryReview",
    }),
    AwaitScoring: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "assessment_scoring", queue: "assessment_panel" },
      resultPath: "$.scoring",
      next: "AwaitCommittee",
      catchNext: "RecordStall",
    }),
    AwaitCommittee: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "assessment_committee", queue: "assessment_committee" },
      resultPath: "$.committee",
      next: "RouteCommittee",
      catchNext: "RecordStall",
    }),
    RouteCommittee: {
      Type: "Choice",
      Choices: [
        { Variable: "$.committee.outcome", StringEquals: "confirm", Next: "ProposeGrade" },
        { Variable: "$.committee.outcome", StringEquals: "return", Next: "AwaitScoring" },
      ],
      Default: "RecordStall",
    },
    ProposeGrade: invokeStep("propose-grade", {
      payload: { "caseId.$": "$.caseId" },
      resultPath: "$.proposal",
      next: "RouteProposal",
      catchNext: "RecordStall",
    }),
    RouteProposal: {
      Type: "Choice",
      Choices: [{ Variable: "$.proposal.result.graded", BooleanEquals: true, Next: "AwaitNotice" }],
      Default: "NotGraded",
    },
    NotGraded: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "not_graded", reason: "below_lowest_threshold" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    AwaitNotice: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "public_notice", queue: "public_notice" },
      resultPath: "$.notice",
      next: "RouteNotice",
      catchNext: "RecordStall",
    }),
    RouteNotice: {
      Type: "Choice",
      Choices: [
        { Variable: "$.notice.outcome", StringEquals: "expired", Next: "Announce" },
        { Variable: "$.notice.outcome", StringEquals: "objected", Next: "AwaitReReview" },
      ],
      Default: "RecordStall",
    },
    AwaitReReview: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "assessment_review", queue: "assessment_review" },
      resultPath: "$.reReview",
      next: "Announce",
      catchNext: "RecordStall",
    }),
    Announce: invokeStep("announce-grade", {
      payload: { "caseId.$": "$.caseId" },
      resultPath: "$.announcement",
      catchNext: "RecordStall",
    }),
    Reject: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "rejected", "reason.$": "$.review.reason" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    ...stallStates(),
  },
};
