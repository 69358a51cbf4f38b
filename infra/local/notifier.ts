import type { Notifier } from "../../shared/ports/notifier.js";
import { deliverMessage } from "../../shared/usecases/deliver-message.js";
import type { Deps } from "../../shared/usecases/deps.js";

/** Local delivery in process, right after the commit; what fails or is held waits for the sweep. */
export class LocalNotifier implements Notifier {
  constructor(private readonly deps: () => Deps) {}

  async enqueue(ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        await deliverMessage(this.deps(), id);
      } catch (error) {
        this.deps().log.warn("delivery deferred to the sweep", { id, error: String(error) });
      }
    }
  }
}
