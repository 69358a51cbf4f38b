import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Hono, type MiddlewareHandler } from "hono";
import { resolveCaller } from "../../shared/usecases/resolve-caller.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { statusOf } from "../api/errors.js";
import { consolePages } from "./console/index.js";
import { pageContext, SignInRequired, type WebEnv, type WebOptions } from "./context.js";
import { Layout } from "./layout.js";
import { portalPages } from "./portal/index.js";
import { publicPages } from "./public/lookup.js";
import { csrfProtection } from "./session.js";
import { signInPages } from "./sign-in.js";

export type { WebOptions } from "./context.js";
export { cookieSessions, type Sessions } from "./session.js";

/** Where pages live; the API's routes are elsewhere and never see the pages' session or CSRF check. */
const PAGE_PATHS = [
  "/",
  "/lookup",
  "/lookup/*",
  "/sign-in",
  "/sign-in/*",
  "/sign-out",
  "/lang/*",
  "/portal",
  "/portal/*",
  "/console",
  "/console/*",
];

// Resolved on request: a bundle without node_modules (the api Lambda) must still load this module.
const htmxFile = () => createRequire(import.meta.url).resolve("htmx.org/dist/htmx.min.js");

/** The pages, on the same app as the API: the same use cases, HTML instead of JSON. */
export function webPages(deps: Deps, opts: WebOptions): Hono<WebEnv> {
  const web = new Hono<WebEnv>();
  const sessionOf: MiddlewareHandler<WebEnv> = async (c, next) => {
    const identity = await opts.sessions.read(c);
    if (identity) c.set("viewer", await resolveCaller(deps, identity));
    await next();
    c.header("x-content-type-options", "nosniff");
    c.header("x-frame-options", "DENY");
    c.header("referrer-policy", "same-origin");
  };
  const csrf = csrfProtection(opts.sessions);
  for (const path of PAGE_PATHS) web.use(path, sessionOf, csrf);

  web.get("/assets/htmx.min.js", async (c) =>
    c.body(await readFile(htmxFile()), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
    }),
  );

  signInPages(web, opts);
  publicPages(web, deps, opts);
  portalPages(web, deps, opts);
  consolePages(web, deps, opts);

  web.onError((error, c) => {
    if (error instanceof SignInRequired) {
      return c.redirect(opts.signIn ? `/sign-in?back=${encodeURIComponent(c.req.path)}` : "/", 303);
    }
    const ctx = pageContext(c, opts);
    const status = statusOf(error) ?? 500;
    const title =
      status === 404 ? ctx.ui.t("notFound") : status === 403 ? ctx.ui.t("forbidden") : ctx.ui.t("formErrors");
    if (status === 500) deps.log.error("page failed", { path: c.req.path, error: String(error) });
    return c.html(
      <Layout ctx={ctx} title={title}>
        <p>{status === 500 ? "internal error" : error.message}</p>
      </Layout>,
      status,
    );
  });
  return web;
}
