import type { Principal } from "../domain/access/policy.js";
import { NotFound, NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";

/** The messages sent to an organization's contact address and phone, newest first. */
export async function listNotifications(deps: Deps, principal: Principal) {
  if (principal.role !== "org" || !principal.uscc) throw new NotPermitted("only a registered organization");
  const org = await deps.store.getOrganization(principal.uscc);
  if (!org) throw new NotFound("organization");
  const [byEmail, byPhone] = await Promise.all([
    deps.store.listOutboxTo(org.contact.email),
    deps.store.listOutboxTo(org.contact.phone),
  ]);
  const items = [...byEmail, ...byPhone]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((m) => ({
      id: m.id,
      channel: m.channel,
      kind: m.kind,
      ...(m.subject ? { subject: m.subject } : {}),
      text: m.text,
      status: m.status,
      createdAt: m.createdAt,
      ...(m.sentAt ? { sentAt: m.sentAt } : {}),
    }));
  return { items };
}
