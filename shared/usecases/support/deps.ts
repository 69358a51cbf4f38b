import type { Clock } from "../../ports/clock.js";
import type { Channels, Notifier } from "../../ports/notifier.js";
import type { Store } from "../../ports/store.js";
import type { Workflows } from "../../ports/workflows.js";

export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** The ports a use case works through; each runtime's wiring module supplies the adapters. */
export interface Deps {
  store: Store;
  workflows: Workflows;
  clock: Clock;
  notifier: Notifier;
  channels: Channels;
  log: Logger;
  /** How long a deliverer holds an outbox message (shortened only to test a slow send). */
  outboxLeaseMs?: number;
}
