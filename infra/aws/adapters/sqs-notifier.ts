import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Notifier } from "../../../shared/ports/notifier.js";

/** Committed outbox messages go to the notify queue by id; the notify Lambda delivers them. */
export function sqsNotifier(client: SQSClient, queueUrl: string): Notifier {
  return {
    async enqueue(ids) {
      // Delivery, its retries and its alerts happen in the notify function.
      for (let i = 0; i < ids.length; i += 10) {
        const batch = ids.slice(i, i + 10);
        await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((id, n) => ({ Id: String(n), MessageBody: JSON.stringify({ id }) })),
          }),
        );
      }
      return { sent: 0, failed: 0 };
    },
  };
}
