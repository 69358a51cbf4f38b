import { awaitTask, invokeStep, type StateMachineDefinition, stallStates } from "./asl.js";

/**
 * 成立登记: review by the jurisdiction's registration queue, a supplement request (补正) that returns
 * to review or, unanswered by its deadline, closes the case as withdrawn; approval issues the USCC.
 * Input: { caseId, jurisdiction }.
 */
export const registrationDefinition: StateMachineDefinition = {
  Comment: "Registration (成立登记) of a social organization",
  StartAt: "AwaitReview",
  States: {
    AwaitReview: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "registration_review", queue: "registration" },
      resultPath: "$.decision",
      next: "RouteDecision",
      catchNext: "RecordStall",
    }),
    RouteDecision: {
      Type: "Choice",
      Choices: [
        { Variable: "$.decision.outcome", StringEquals: "approve", Next: "Approve" },
        { Variable: "$.decision.outcome", StringEquals: "reject", Next: "Reject" },
        { Variable: "$.decision.outcome", StringEquals: "request_supplement", Next: "AwaitSupplement" },
      ],
      Default: "RecordStall",
    },
    Approve: invokeStep("approve-registration", {
      payload: { "caseId.$": "$.caseId" },
      resultPath: "$.approval",
      catchNext: "RecordStall",
    }),
    Reject: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "rejected", "reason.$": "$.decision.reason" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    AwaitSupplement: awaitTask({
      payload: {
        "caseId.$": "$.caseId",
        step: "supplement",
        queue: "applicant",
        "reason.$": "$.decision.reason",
      },
      resultPath: "$.supplement",
      next: "RouteSupplement",
      catchNext: "RecordStall",
    }),
    RouteSupplement: {
      Type: "Choice",
      Choices: [
        { Variable: "$.supplement.outcome", StringEquals: "supplied", Next: "AwaitReview" },
        { Variable: "$.supplement.outcome", StringEquals: "expired", Next: "Withdraw" },
      ],
      Default: "RecordStall",
    },
    Withdraw: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "withdrawn", reason: "supplement_period_expired" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    ...stallStates(),
  },
};
