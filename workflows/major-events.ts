import { awaitTask, invokeStep, type StateMachineDefinition, stallStates } from "./asl.js";

const recordOutcome = (outcome: Record<string, string>) =>
  invokeStep("record-major-event-outcome", {
    payload: { "caseId.$": "$.caseId", ...outcome },
    resultPath: "$.recorded",
    catchNext: "RecordStall",
  });

/** 重大事项报告, file only (备案): acknowledged at once. Input: { caseId }. */
export const majorEventFilingDefinition: StateMachineDefinition = {
  Comment: "Major event (重大事项报告) filed only",
  StartAt: "File",
  States: { File: recordOutcome({ outcome: "filed" }), ...stallStates() },
};

/** The bureau answers in the major_event queue (before the event, by the event_response deadline). */
function answeredDefinition(comment: string, step: string): StateMachineDefinition {
  return {
    Comment: comment,
    StartAt: "AwaitAnswer",
    States: {
      AwaitAnswer: awaitTask({
        payload: { "caseId.$": "$.caseId", step, queue: "major_event" },
        resultPath: "$.decision",
        next: "RecordAnswer",
        catchNext: "RecordStall",
      }),
      RecordAnswer: recordOutcome({ "outcome.$": "$.decision.outcome", "reason.$": "$.decision.reason" }),
      ...stallStates(),
    },
  };
}

/** 重大事项报告 the bureau reviews: no objection, or an objection with reasons. Input: { caseId }. */
export const majorEventReviewDefinition = answeredDefinition(
  "Major event (重大事项报告) reviewed by the registration authority",
  "major_event_review",
);

/** 突发事件 and the like: the bureau follows the event up. Input: { caseId }. */
export const majorEventFollowUpDefinition = answeredDefinition(
  "Major event (重大事项报告) followed up by the registration authority",
  "major_event_follow_up",
);
