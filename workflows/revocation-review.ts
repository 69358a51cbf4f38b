import { awaitTask, invokeStep, type StateMachineDefinition, stallStates } from "./asl.js";

/**
 * 撤销登记 is a regulator's decision with grounds, never automatic: two consecutive years without inspection
 * open this review; the officer revokes or keeps the registration. Input: { caseId }.
 */
export const revocationReviewDefinition: StateMachineDefinition = {
  Comment: "Consider revocation of registration (撤销登记)",
  StartAt: "AwaitDecision",
  States: {
    AwaitDecision: awaitTask({
      payload: { "caseId.$": "$.caseId", step: "revocation_consideration", queue: "registration" },
      resultPath: "$.decision",
      next: "RouteDecision",
      catchNext: "RecordStall",
    }),
    RouteDecision: {
      Type: "Choice",
      Choices: [
        { Variable: "$.decision.outcome", StringEquals: "revoke", Next: "Revoke" },
        { Variable: "$.decision.outcome", StringEquals: "keep", Next: "Keep" },
      ],
      Default: "RecordStall",
    },
    Revoke: invokeStep("revoke-registration", {
      payload: { "caseId.$": "$.caseId", "reason.$": "$.decision.reason" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    Keep: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "kept", "reason.$": "$.decision.reason" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
    ...stallStates(),
  },
};
