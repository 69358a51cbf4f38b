import type { z } from "zod";
import type { Deps } from "../../shared/usecases/support/deps.js";

export interface Step<Out> {
  run(deps: Deps, event: unknown): Promise<Out>;
  /** The Lambda entry: the AWS wiring is loaded on first use, so the local runtime never loads it. */
  handler(event: unknown): Promise<Out>;
}

/** A workflow step: parse the state's payload, call one use case, return its result to the state. */
export function defineStep<S extends z.ZodType, Out>(
  schema: S,
  useCase: (deps: Deps, input: z.infer<S>) => Promise<Out>,
): Step<Out> {
  const run = (deps: Deps, event: unknown) => useCase(deps, schema.parse(event));
  return {
    run,
    async handler(event) {
      const { awsDeps } = await import("../../infra/aws/runtime.js");
      return run(await awsDeps(), event);
    },
  };
}
