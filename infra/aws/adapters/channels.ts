import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { CHANNEL_TIMEOUTS } from "../../../shared/notify/channels/timeouts.js";
import { type Channel, DeliveryError } from "../../../shared/ports/notifier.js";

/** Client settings that keep one send inside the outbox lease; the outbox does the retrying. */
export const channelClientConfig = {
  maxAttempts: 1,
  requestHandler: {
    connectionTimeout: CHANNEL_TIMEOUTS.connectMs,
    requestTimeout: CHANNEL_TIMEOUTS.requestMs,
  },
};

interface AwsFailure {
  name?: string;
  message?: string;
  $fault?: "client" | "server";
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

const TEMPORARY =
  /Throttl|TooManyRequests|LimitExceeded|SendingPaused|Timeout|InternalError|ServiceUnavailable/;

/** Throttling, timeouts and the service's own faults are temporary; a request the service refuses is permanent. */
export function awsDeliveryError(error: unknown): DeliveryError {
  const e = (error ?? {}) as AwsFailure;
  const message = `${e.name ?? "Error"}: ${e.message ?? String(error)}`;
  const temporary =
    e.$retryable !== undefined ||
    e.$fault === "server" ||
    TEMPORARY.test(e.name ?? "") ||
    e.$metadata?.httpStatusCode === undefined;
  return new DeliveryError(message, !temporary && e.$fault === "client");
}

async function mapped<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw awsDeliveryError(error);
  }
}

export function sesChannel(client: SESv2Client, from: string): Channel {
  return {
    async send(message) {
      await mapped(() =>
        client.send(
          new SendEmailCommand({
            FromEmailAddress: from,
            Destination: { ToAddresses: [message.to] },
            Content: {
              Simple: {
                Subject: { Data: message.subject ?? message.kind, Charset: "UTF-8" },
                Body: { Text: { Data: message.text, Charset: "UTF-8" } },
                Headers: [{ Name: "X-Socorg-Message-Id", Value: message.id }],
              },
            },
          }),
        ),
      );
    },
  };
}

export function snsSmsChannel(client: SNSClient): Channel {
  return {
    async send(message) {
      await mapped(() =>
        client.send(
          new PublishCommand({
            PhoneNumber: message.to.startsWith("+") ? message.to : `+86${message.to}`,
            Message: message.text,
            MessageAttributes: {
              "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
            },
          }),
        ),
      );
    },
  };
}
