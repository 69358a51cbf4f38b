import { runSweep } from "../../shared/usecases/run-sweep.js";

/** EventBridge Scheduler's target: one sweep over everything due. */
export async function handler(): Promise<unknown> {
  const { awsDeps } = await import("../../infra/aws/runtime.js");
  return runSweep(await awsDeps());
}
