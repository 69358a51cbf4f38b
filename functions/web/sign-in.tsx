import type { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { Principal } from "../../shared/domain/access/policy.js";
import { divisionName } from "../../shared/settings/index.js";
import { listRegister } from "../../shared/usecases/list-register.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { formText, LANG_COOKIE, pageContext, type WebEnv, type WebOptions } from "./context.js";
import { Csrf, Layout } from "./layout.js";

/** The divisions of the demo bureau: three Shanghai districts and the city above them. */
export const DEMO_DIVISIONS = ["310114", "310112", "310151", "310000"] as const;

const safeBack = (back: string | undefined) => (back?.startsWith("/") && !back.startsWith("//") ? back : "/");

/** The language switch and sign-out, for every visitor; the demo picker only where the runtime offers it. */
export function signInPages(web: Hono<WebEnv>, deps: Deps, opts: WebOptions): void {
  web.get("/lang/:lang", (c) => {
    setCookie(c, LANG_COOKIE, c.req.param("lang") === "en" ? "en" : "zh", {
      path: "/",
      sameSite: "Lax",
      maxAge: 365 * 24 * 3600,
    });
    return c.redirect(safeBack(c.req.query("back")), 303);
  });

  web.post("/sign-out", (c) => {
    opts.sessions.end(c);
    return c.redirect("/", 303);
  });

  const enroll = opts.enroll;
  if (!opts.demoSignIn || !enroll) return;

  web.get("/sign-in", async (c) => {
    const ctx = pageContext(c, opts);
    const { t, v } = ctx.ui;
    const admin: Principal = { role: "admin", sub: "sign-in" };
    const orgs = (await listRegister(deps, admin, { jurisdiction: "310114", limit: 30 })).items;
    return c.html(
      <Layout ctx={ctx} title={t("pickIdentity")}>
        <form method="post" action="/sign-in">
          <Csrf ctx={ctx} />
          <fieldset>
            <legend>{v("org")}</legend>
            <label for="org-uscc">{t("name")}</label>
            <select id="org-uscc" name="uscc">
              {orgs.map((o) => (
                <option value={o.uscc}>
                  {o.name}（{o.uscc}）
                </option>
              ))}
            </select>
            <button type="submit" name="role" value="org">
              {t("signIn")}：{v("org")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("apply")}</legend>
            <label for="applicant-sub">{t("name")}</label>
            <input id="applicant-sub" name="applicant" value="demo-founder" />
            <button type="submit" name="role" value="applicant">
              {t("signIn")}：{t("apply")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{v("regulator")}</legend>
            <label for="regulator-division">{t("district")}</label>
            <select id="regulator-division" name="jurisdiction">
              {DEMO_DIVISIONS.map((d) => (
                <option value={d}>
                  {divisionName(d)}（{d}）
                </option>
              ))}
            </select>
            <button type="submit" name="role" value="regulator">
              {t("signIn")}：{v("regulator")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{v("admin")}</legend>
            <button type="submit" name="role" value="admin">
              {t("signIn")}：{v("admin")}
            </button>
          </fieldset>
        </form>
      </Layout>,
    );
  });

  web.post("/sign-in", async (c) => {
    const role = formText(c, "role");
    const jurisdiction = formText(c, "jurisdiction");
    let principal: Principal | undefined;
    if (role === "org" && formText(c, "uscc")) {
      principal = { role: "org", sub: `demo-${formText(c, "uscc")}`, uscc: formText(c, "uscc") };
    } else if (role === "applicant") {
      principal = { role: "org", sub: formText(c, "applicant") || "demo-founder" };
    } else if (role === "regulator" && (DEMO_DIVISIONS as readonly string[]).includes(jurisdiction)) {
      principal = { role: "regulator", sub: `officer-${jurisdiction}`, jurisdiction };
    } else if (role === "admin") {
      principal = { role: "admin", sub: "demo-admin" };
    }
    if (!principal) return c.redirect("/sign-in", 303);
    await opts.sessions.start(c, await enroll(principal));
    return c.redirect(principal.role === "org" ? "/portal" : "/console", 303);
  });
}
