import { randomBytes } from "node:crypto";
import type { Store } from "../../shared/ports/store.js";

/** The key that signs the pages' session cookies locally, kept in the local table like the provider's key. */
export async function sessionSecret(store: Store): Promise<string> {
  let secret = await store.getSetting<string>("session_secret");
  if (!secret) {
    secret = randomBytes(32).toString("hex");
    await store.putSetting("session_secret", secret);
  }
  return secret;
}
