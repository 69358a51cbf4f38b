import { LEASE_MS } from "../delivery.js";

/** Every channel gives up well inside the lease, so a send never outlives the deliverer's hold on it. */
export interface ChannelTimeouts {
  /** Connecting and the server's greeting. */
  connectMs: number;
  /** One request, or silence on an open connection. */
  requestMs: number;
}

export const CHANNEL_TIMEOUTS: ChannelTimeouts = { connectMs: 10_000, requestMs: LEASE_MS / 2 };
