import { awaitTask, invokeStep, type StateMachineDefinition, stallStates, supplementStates } from "./asl.js";
import { supervisoryConsentStates } from "./supervisory-consent.js";

/**
 * An application decided on the registration clock: review in its queue, a supplement (补正) that returns
 * to review or, unanswered by its deadline, closes the case as withdrawn; approval runs `approveStep`.
 * With `consentStep`, an input of `consent: true` (双重管理) first waits for the supervisory unit's consent in
 * its queue; a return closes the case as returned.
 */
export function applicationReviewDefinition(opts: {
  comment: string;
  reviewStep: string;
  queue: string;
  approveStep: string;
  consentStep?: string;
}): StateMachineDefinition {
  const consent: StateMachineDefinition["States"] = opts.consentStep
    ? {
        RouteStart: {
          Type: "Choice",
          Choices: [
            {
              And: [
                { Variable: "$.consent", IsPresent: true },
                { Variable: "$.consent", BooleanEquals: true },
              ],
              Next: "AwaitConsent",
            },
          ],
          Default: "AwaitReview",
        },
        ...supervisoryConsentStates({
          awaitState: "AwaitConsent",
          routeState: "RouteConsent",
          returnState: "ReturnToApplicant",
          step: opts.consentStep,
          resultPath: "$.consentDecision",
          next: "AwaitReview",
        }),
      }
    : {};
  return {
    Comment: opts.comment,
    StartAt: opts.consentStep ? "RouteStart" : "AwaitReview",
    States: {
      ...consent,
      AwaitReview: awaitTask({
        payload: { "caseId.$": "$.caseId", step: opts.reviewStep, queue: opts.queue },
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
      Approve: invokeStep(opts.approveStep, {
        payload: { "caseId.$": "$.caseId" },
        resultPath: "$.approval",
        catchNext: "RecordStall",
      }),
      Reject: invokeStep("close-case", {
        payload: { "caseId.$": "$.caseId", status: "rejected", "reason.$": "$.decision.reason" },
        resultPath: null,
        catchNext: "RecordStall",
      }),
      ...supplementStates({ step: "supplement", reasonPath: "$.decision.reason", backTo: "AwaitReview" }),
      ...stallStates(),
    },
  };
}

/** 成立登记: approval issues the USCC. Input: { caseId, jurisdiction }. */
export const registrationDefinition = applicationReviewDefinition({
  comment: "Registration (成立登记) of a social organization",
  reviewStep: "registration_review",
  queue: "registration",
  approveStep: "approve-registration",
});
