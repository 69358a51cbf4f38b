import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { sign, verify } from "hono/jwt";
import { principalFromClaims } from "../../functions/api/auth.js";
import type { Principal } from "../../shared/domain/access/policy.js";
import type { Store } from "../../shared/ports/store.js";

/** The key that signs the pages' session cookies locally, kept in the local table like the token secret. */
export async function sessionSecret(store: Store): Promise<string> {
  let secret = await store.getSetting<string>("session_secret");
  if (!secret) {
    secret = randomBytes(32).toString("hex");
    await store.putSetting("session_secret", secret);
  }
  return secret;
}

/** Locally issued sign-in tokens (local mode only), signed with a secret kept in the local table. */
export class DevTokens {
  private constructor(private readonly secret: string) {}

  static async open(store: Store): Promise<DevTokens> {
    let secret = await store.getSetting<string>("dev_token_secret");
    if (!secret) {
      secret = randomBytes(32).toString("hex");
      await store.putSetting("dev_token_secret", secret);
    }
    return new DevTokens(secret);
  }

  issue(principal: Principal): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return sign({ ...principal, iat: now, exp: now + 30 * 24 * 3600 }, this.secret, "HS256");
  }

  async authenticate(c: Context): Promise<Principal | undefined> {
    const header = c.req.header("authorization");
    if (!header?.startsWith("Bearer ")) return undefined;
    try {
      const claims = await verify(header.slice(7), this.secret, "HS256");
      return principalFromClaims(claims as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }
}
