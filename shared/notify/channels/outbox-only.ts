import type { Channel } from "../../ports/notifier.js";

/** Local delivery without SMTP: the outbox is the mailbox, so handing a message over is all there is. */
export const outboxOnlyChannel: Channel = {
  async send() {},
};
