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
import { DEMO_PEOPLE, type DemoPerson, memberOf } from "./demo-people.js";
import { loginPage, logoutPage, refusalPage } from "./identity-provider-pages.js";

let providerModule: Promise<typeof import("oidc-provider")> | undefined;

/** Loads oidc-provider (about a second of imports), so a caller can overlap it with other start-up work. */
export function loadIdentityProvider(): Promise<typeof import("oidc-provider")> {
  providerModule ??= import("oidc-provider");
  return providerModule;
}

/** The one client of the local provider: the app itself (its pages sign in through it). */
export const LOCAL_CLIENT_ID = "socorg";
const TOKEN_SECONDS = 30 * 24 * 3600;

/** Where the local provider may send a browser back to when the runtime names none: `npm start`'s pages. */
export const DEFAULT_REDIRECT_URIS = [
  "http://localhost:3000/sign-in/callback",
  "http://127.0.0.1:3000/sign-in/callback",
];

interface StoredKey {
  jwk: JWK;
  port?: number;
  clientSecret: string;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

export interface LocalProviderOptions {
  redirectUris?: string[];
  /** The organizations whose members the sign-in page offers (the register's first page). */
  organizations?: () => Promise<readonly { uscc: string; name: string }[]>;
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
    opts: LocalProviderOptions = {},
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
    const redirectUris = opts.redirectUris ?? DEFAULT_REDIRECT_URIS;
    const local = new LocalIdentityProvider(
      server,
      issuer,
      await importJWK(stored.jwk, "RS256"),
      String(stored.jwk.kid),
      stored.clientSecret,
      deps,
    );
    // Who signed in here, by subject: the ID token's name and verified address.
    const accounts = new Map<string, { name: string; email?: string }>();
    const { default: OidcProvider } = await loadIdentityProvider();
    const provider: Provider = new OidcProvider(issuer, {
      clients: [
        {
          client_id: LOCAL_CLIENT_ID,
          client_secret: stored.clientSecret,
          redirect_uris: redirectUris,
          post_logout_redirect_uris: [...new Set(redirectUris.map((u) => new URL("/", u).href))],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      jwks: { keys: [stored.jwk] },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx: { body: string }, form: string) => {
            ctx.body = await logoutPage(form);
          },
        },
      },
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
          const demo = DEMO_PEOPLE.find((p) => p.principal.sub === sub);
          const account = accounts.get(sub) ?? (demo ? { name: demo.name, email: demo.email } : undefined);
          return {
            sub,
            name: account?.name ?? sub,
            ...(account?.email ? { email: account.email, email_verified: true } : {}),
          };
        },
      }),
    });
    const organizations = opts.organizations ?? (async () => []);
    /** The person a post of the sign-in page names: a demo person, whose grant is recorded, or a typed one. */
    const signedIn = async (form: URLSearchParams): Promise<string | undefined> => {
      const who = form.get("who");
      let person: DemoPerson | undefined;
      if (who === "org") {
        const uscc = form.get("org") ?? "";
        const org = (await organizations()).find((o) => o.uscc === uscc);
        person = org ? memberOf(org) : undefined;
      } else if (who === "regulator") {
        person = DEMO_PEOPLE.find((p) => p.key === `regulator-${form.get("division")}`);
      } else if (who) {
        person = DEMO_PEOPLE.find((p) => p.key === who);
      }
      if (who) {
        if (!person) return undefined;
        await local.enroll(person.principal);
        accounts.set(person.principal.sub, {
          name: person.name,
          ...(person.email ? { email: person.email } : {}),
        });
        return person.principal.sub;
      }
      const sub = form.get("sub")?.trim();
      if (!sub) return undefined;
      const email = form.get("email")?.trim();
      accounts.set(sub, { name: sub, ...(email ? { email } : {}) });
      return sub;
    };
    const handle = provider.callback();
    // Sign-in on our own page: pick a person (or type one); consent for our own client is implied.
    async function route(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? "/", issuer);
      const login = url.pathname.match(/^\/interaction\/([\w-]+)\/login$/);
      if (login && req.method === "POST") {
        const details = await provider.interactionDetails(req, res);
        const sub = await signedIn(await formOf(req));
        if (!sub)
          return void page(res, 400, await refusalPage("请选择一个演示身份，或填写用户标识（sub）。"));
        const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope ?? "openid"));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } });
        return;
      }
      if (/^\/interaction\/[\w-]+$/.test(url.pathname) && req.method === "GET") {
        const { uid } = await provider.interactionDetails(req, res);
        return void page(res, 200, await loginPage(uid, await organizations()));
      }
      handle(req, res);
    }
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      void route(req, res).catch(async (error: unknown) => {
        // oidc-provider's own errors (an expired interaction, say) carry their status and a description.
        const e = error as { statusCode?: number; error_description?: string };
        page(res, e.statusCode ?? 500, await refusalPage(e.error_description ?? String(error)));
      });
    });
    return local;
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

function page(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(html);
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
