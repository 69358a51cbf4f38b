import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { deliverMessage } from "../../shared/usecases/deliver-message.js";

/** Delivers the outbox messages named on the queue; a failed record returns to the queue alone. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const { awsDeps } = await import("../../infra/aws/runtime.js");
  const { awsChannels } = await import("../../infra/aws/channels.js");
  const deps = await awsDeps({ channels: awsChannels() });
  const failures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const { id } = JSON.parse(record.body) as { id: string };
      await deliverMessage(deps, id);
    } catch (error) {
      deps.log.error("delivery failed", { messageId: record.messageId, error: String(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
