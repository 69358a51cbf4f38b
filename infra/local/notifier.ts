import type { DeliveryReport, Notifier } from "../../shared/ports/notifier.js";
import { deliverMessage } from "../../shared/usecases/deliver-message.js";
import type { Deps } from "../../shared/usecases/support/deps.js";

/**
 * Local delivery in process, right after the commit, under the lease each notification was written with;
 * what fails or is held waits for the sweep.
 */
export class LocalNotifier implements Notifier {
  constructor(private readonly deps: () => Deps) {}

  async enqueue(ids: string[]): Promise<DeliveryReport> {
    const report = { sent: 0, failed: 0 };
    for (const id of ids) {
      try {
        const result = await deliverMessage(this.deps(), id, { holdsFirstLease: true });
        report.sent += result.sent;
        report.failed += result.failed;
      } catch (error) {
        this.deps().log.warn("delivery deferred to the sweep", { id, error: String(error) });
      }
    }
    return report;
  }
}
