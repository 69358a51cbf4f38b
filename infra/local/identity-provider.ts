import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import type Provider from "oidc-provider";
import type { TrustedIssuer } from "../../functions/api/bearer-tokens.js";
import { type Identity, scopeNamed } from "../../shared/domain/access/grants.js";
import type { Principal } from "../../shared/domain/access/policy.js";
import { SYSTEM } from "../../shared/domain/cases/records.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { ensureGrant } from "../../shared/usecases/support/grant-writes.js";

let providerModule: Promise<typeof import("oidc-provider")> | undefined;

/** Loads oidc-provider (about a second of imports), so a caller can overlap it with other start-up work. */
export function loadIdentityProvider(): Promise<typeof import("oidc-provider")> {
  providerModule ??= import("oidc-provider");
  return providerModule;
}

/** The one client of the local provider: the app itself (its pages sign in through it). */
export const LOCAL_CLIENT_ID = "socorg";
const TOKEN_SECONDS = 30 * 24 * 3600;

/** Demo people of the local provider's sign-in page; anyone else may be typed in. */
export const DEMO_USERS = [
  { sub: "demo-founder", name: "张建国", email: "founder@example.org" },
  { sub: "officer-310114", name: "李敏（嘉定区民政局）", email: "officer.310114@example.gov.cn" },
  { sub: "officer-310112", name: "王磊（闵行区民政局）", email: "officer.310112@example.gov.cn" },
  { sub: "officer-310000", name: "陈静（上海市民政局）", email: "officer.310000@example.gov.cn" },
  { sub: "demo-admin", name: "系统管理员", email: "admin@example.gov.cn" },
] as const;

interface StoredKey {
  jwk: JWK;
  port?: number;
  clientSecret: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function loginPage(uid: string): string {
  const people = DEMO_USERS.map(
    (u) =>
      `<li><form method="post" action="/interaction/${uid}/login"><input type="hidden" name="sub" value="${u.sub}"><input type="hidden" name="email" value="${u.email}"><button>${escapeHtml(u.name)} (${u.sub})</button></form></li>`,
  ).join("");
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>socorg 本地登录</title>
<h1>本地身份提供方 · local identity provider</h1><ul>${people}</ul>
<form method="post" action="/interaction/${uid}/login"><label>sub <input name="sub" required></label>
<label>email <input name="email" type="email"></label><button>sign in</button></form></html>`;
}

/**
 * A real OpenID provider (oidc-provider) on loopback, for `npm start` and the tests: its key and port are
 * kept in the local table, so tokens outlive a restart. Local sign-in tokens are signed with the same key.
 */
export class LocalIdentityProvider {
  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly signingKey: Awaited<ReturnType<typeof importJWK>>,
    private readonly kid: string,
    readonly clientSecret: string,
    private readonly deps: Pick<Deps, "store" | "clock">,
  ) {}

  static async open(
    deps: Pick<Deps, "store" | "clock">,
    opts: { redirectUris?: string[] } = {},
  ): Promise<LocalIdentityProvider> {
    let stored = await deps.store.getSetting<StoredKey>("local_oidc");
    if (!stored) {
      const { privateKey } = await generateKeyPair("RS256", { extractable: true });
      const kid = randomBytes(8).toString("hex");
      stored = {
        jwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" },
        clientSecret: randomBytes(24).toString("base64url"),
      };
    }
    const server = createServer();
    const port = await listen(server, stored.port ?? 0);
    if (port !== stored.port) {
      stored = { ...stored, port };
      await deps.store.putSetting("local_oidc", stored);
    }
    const issuer = `http://127.0.0.1:${port}`;
    const emails = new Map<string, string>();
    const { default: OidcProvider } = await loadIdentityProvider();
    const provider: Provider = new OidcProvider(issuer, {
      clients: [
        {
          client_id: LOCAL_CLIENT_ID,
          client_secret: stored.clientSecret,
          redirect_uris: opts.redirectUris ?? ["http://localhost:3000/sign-in/callback"],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      jwks: { keys: [stored.jwk] },
      features: { devInteractions: { enabled: false } },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      // The app reads the name and the verified address from the ID token itself.
      conformIdTokenClaims: false,
      cookies: { keys: [stored.clientSecret] },
      ttl: {
        Interaction: 600,
        Session: 8 * 3600,
        Grant: 8 * 3600,
        AuthorizationCode: 60,
        AccessToken: 3600,
        IdToken: 3600,
      },
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => {
          const demo = DEMO_USERS.find((u) => u.sub === sub);
          const email = emails.get(sub) ?? demo?.email;
          return {
            sub,
            name: demo?.name ?? sub,
            ...(email ? { email, email_verified: true } : {}),
          };
        },
      }),
    });
    const handle = provider.callback();
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      void route(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    // Sign-in on our own page: pick a person (or type one), consent for our own client is implied.
    async function route(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? "/", issuer);
      const login = url.pathname.match(/^\/interaction\/([\w-]+)\/login$/);
      if (login && req.method === "POST") {
        const form = await formOf(req);
        const sub = form.get("sub")?.trim();
        if (!sub) return void res.writeHead(400).end("sub is required");
        const email = form.get("email")?.trim();
        if (email) emails.set(sub, email);
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope ?? "openid"));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } });
        return;
      }
      const page = url.pathname.match(/^\/interaction\/([\w-]+)$/);
      if (page && req.method === "GET") {
        const { uid } = await provider.interactionDetails(req, res);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid));
        return;
      }
      handle(req, res);
    }
    const kid = String(stored.jwk.kid);
    return new LocalIdentityProvider(
      server,
      issuer,
      await importJWK(stored.jwk, "RS256"),
      kid,
      stored.clientSecret,
      deps,
    );
  }

  /** How the app checks this provider's tokens: the same checks as against a deployed issuer. */
  trust(): TrustedIssuer {
    return {
      issuer: this.issuer,
      audience: LOCAL_CLIENT_ID,
      keys: createRemoteJWKSet(new URL(`${this.issuer}/jwks`)),
    };
  }

  /** Records the grant a local sign-in names, and returns the identity it signs in as. */
  async enroll(principal: Principal): Promise<Identity> {
    const identity = { issuer: this.issuer, sub: principal.sub };
    const scope = scopeNamed(principal);
    if (scope) await ensureGrant(this.deps as Deps, identity, scope, SYSTEM);
    return identity;
  }

  /**
   * A local sign-in token for `sub`, signed with the provider's key, after recording the grant it names:
   * it then passes the same checks, and acts through the same grants, as a real sign-in's.
   */
  async issue(principal: Principal): Promise<string> {
    await this.enroll(principal);
    return new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .setIssuer(this.issuer)
      .setAudience(LOCAL_CLIENT_ID)
      .setSubject(principal.sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + TOKEN_SECONDS)
      .sign(this.signingKey);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** Listens on `port` on loopback, or on any free port when that one is taken. */
async function listen(server: Server, port: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => {
        server.off("listening", onListening);
        reject(error);
      };
      const onListening = () => {
        server.off("error", onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen(p, "127.0.0.1");
    });
  try {
    return await attempt(port);
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    return attempt(0);
  }
}
