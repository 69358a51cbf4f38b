import type { Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { LANG_COOKIE, pageContext, type WebEnv, type WebOptions } from "./context.js";
import { Layout } from "./layout.js";
import { openIdClient, SignInRefused } from "./openid-client.js";

/** The divisions of the demo bureau: three Shanghai districts and the city above them. */
export const DEMO_DIVISIONS = ["310114", "310112", "310151", "310000"] as const;

const safeBack = (back: string | undefined) => (back?.startsWith("/") && !back.startsWith("//") ? back : "/");

/**
 * The language switch and sign-out for every visitor; sign-in through the identity provider where one is
 * configured: the authorization-code flow with PKCE, state and nonce, the same code locally and deployed.
 */
export function signInPages(web: Hono<WebEnv>, opts: WebOptions): void {
  web.get("/lang/:lang", (c) => {
    setCookie(c, LANG_COOKIE, c.req.param("lang") === "en" ? "en" : "zh", {
      path: "/",
      sameSite: "Lax",
      maxAge: 365 * 24 * 3600,
    });
    return c.redirect(safeBack(c.req.query("back")), 303);
  });

  const client = opts.signIn ? openIdClient(opts.signIn) : undefined;
  const redirectUri = (c: Context) =>
    opts.signIn?.redirectUri ?? new URL("/sign-in/callback", c.req.url).href;

  web.post("/sign-out", async (c) => {
    opts.sessions.end(c);
    // Back to our home page, through the provider's own sign-out where its discovery document offers one.
    const home = new URL("/", redirectUri(c)).href;
    const end = await client?.endSession(home);
    return c.redirect(end ?? "/", 303);
  });

  if (!client) return;

  web.get("/sign-in", async (c) => {
    const { pending, url } = await client.begin(redirectUri(c), safeBack(c.req.query("back")));
    await opts.sessions.beginSignIn(c, pending);
    return c.redirect(url, 303);
  });

  web.get("/sign-in/callback", async (c) => {
    const pending = await opts.sessions.takeSignIn(c);
    try {
      const identity = await client.finish(pending, c.req.query());
      await opts.sessions.start(c, identity);
      return c.redirect(pending?.back ?? "/", 303);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      const ctx = pageContext(c, opts);
      return c.html(
        <Layout ctx={ctx} title={ctx.ui.t("signInRefused")}>
          <p role="alert" data-reason={error.reason}>
            {error.message}
          </p>
          <p>
            <a href="/sign-in">{ctx.ui.t("signInAgain")}</a>
          </p>
        </Layout>,
        400,
      );
    }
  });
}
