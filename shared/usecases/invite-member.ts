import { type InvitationRecord, normalizedEmail } from "../domain/access/grants.js";
import { actorOf, mayActFor, type Principal } from "../domain/access/policy.js";
import { actorLabel, organizationSubject } from "../domain/cases/records.js";
import { NotFound, NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";

/**
 * A member invites a colleague by email; their first sign-in with that verified address makes them a
 * member. A repeat with its Idempotency-Key answers the first invitation and writes nothing more.
 */
export async function inviteMember(
  deps: Deps,
  principal: Principal,
  uscc: string,
  input: { email: string },
  idem?: IdempotencyRequest,
): Promise<InvitationRecord> {
  if (!mayActFor(principal, uscc)) throw new NotPermitted("only a member invites to an organization");
  if (!(await deps.store.getOrganization(uscc))) throw new NotFound("organization");
  const at = deps.clock.now().toISOString();
  const invitation: InvitationRecord = {
    email: normalizedEmail(input.email),
    uscc,
    invitedBy: actorLabel(actorOf(principal)),
    invitedAt: at,
  };
  const created = await createOnce<InvitationRecord>(deps, idem, async () => ({
    ops: [
      { op: "putInvitation", invitation },
      {
        op: "appendEvent",
        subject: organizationSubject(uscc),
        event: { at, actor: invitation.invitedBy, action: "member_invited", note: invitation.email },
      },
    ],
    body: invitation,
  }));
  return created.body;
}
