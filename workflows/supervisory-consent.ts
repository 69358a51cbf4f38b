import { awaitTask, invokeStep, type StateMachineDefinition } from "./asl.js";

/**
 * 业务主管单位: the unit's step in its `supervisory_review` queue, then `consent` goes on to `next` and
 * `return` closes the case as returned with the unit's reason. State names are the caller's, so a waiting
 * execution resumes by the name it was saved under.
 */
export function supervisoryConsentStates(opts: {
  awaitState: string;
  routeState: string;
  returnState: string;
  step: string;
  resultPath: string;
  next: string;
}): StateMachineDefinition["States"] {
  return {
    [opts.awaitState]: awaitTask({
      payload: { "caseId.$": "$.caseId", step: opts.step, queue: "supervisory_review" },
      resultPath: opts.resultPath,
      next: opts.routeState,
      catchNext: "RecordStall",
    }),
    [opts.routeState]: {
      Type: "Choice",
      Choices: [
        { Variable: `${opts.resultPath}.outcome`, StringEquals: "consent", Next: opts.next },
        { Variable: `${opts.resultPath}.outcome`, StringEquals: "return", Next: opts.returnState },
      ],
      Default: "RecordStall",
    },
    [opts.returnState]: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "returned", "reason.$": `${opts.resultPath}.reason` },
      resultPath: null,
      catchNext: "RecordStall",
    }),
  };
}
