import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { Channel } from "../../../shared/ports/notifier.js";

export function sesChannel(client: SESv2Client, from: string): Channel {
  return {
    async send(message) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject ?? message.kind, Charset: "UTF-8" },
              Body: { Text: { Data: message.text, Charset: "UTF-8" } },
            },
          },
        }),
      );
    },
  };
}

export function snsSmsChannel(client: SNSClient): Channel {
  return {
    async send(message) {
      await client.send(
        new PublishCommand({
          PhoneNumber: message.to.startsWith("+") ? message.to : `+86${message.to}`,
          Message: message.text,
          MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
        }),
      );
    },
  };
}
