import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import { districtOfStreet, type Principal } from "../../shared/domain/access/policy.js";
import type { I18n } from "./i18n.js";

/** What every page knows: the language, who is signed in, the CSRF token for its forms, where it is. */
export interface PageContext {
  ui: I18n;
  principal?: Principal;
  csrf: string;
  path: string;
  /** The pages offer sign-in (an identity provider is configured). */
  signIn: boolean;
}

const STYLE = `
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--brand:#b3261e;--link:#0b57d0;--bg:#fff;--soft:#f6f8fa;--warn:#7a4d00;--warnbg:#fff4d6;--bad:#8b0000;--badbg:#ffe3e3;--ok:#1a5e20;--okbg:#e3f6e5}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:var(--ink);background:var(--bg);line-height:1.6;font-size:16px}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem;z-index:10}
header.site{background:var(--brand);color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header.site a{color:#fff}
header.site .title{font-weight:700;font-size:1.1rem;text-decoration:none;margin-right:auto}
header.site form{display:inline;margin:0}
header.site button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:.15rem .6rem;font:inherit;cursor:pointer}
nav.sub{background:var(--soft);border-bottom:1px solid var(--line);padding:.4rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.sub a[aria-current=page]{font-weight:700;color:var(--ink)}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
.scroll{overflow-x:auto}
label{display:block;font-weight:600;margin:.75rem 0 .2rem}
input,select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #8c959f;border-radius:4px;width:100%;max-width:32rem;background:#fff;color:var(--ink)}
input[type=checkbox],input[type=radio]{width:auto}
textarea{min-height:6rem}
fieldset{border:1px solid var(--line);border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:700;padding:0 .25rem}
button,.button{font:inherit;background:var(--link);color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;cursor:pointer;text-decoration:none;display:inline-block;margin-top:.75rem}
button.secondary{background:#fff;color:var(--link);border:1px solid var(--link)}
.field-error{color:var(--bad);font-size:.95rem;margin:.2rem 0 0}
[aria-invalid=true]{border-color:var(--bad);border-width:2px}
.errors{border:2px solid var(--bad);background:var(--badbg);padding:.5rem 1rem;border-radius:6px}
.notice{border:1px solid var(--ok);background:var(--okbg);padding:.5rem 1rem;border-radius:6px}
.state-normal{color:var(--ok)}
.state-warning{color:var(--warn);background:var(--warnbg);font-weight:700}
.state-overdue{color:var(--bad);background:var(--badbg);font-weight:700}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:6px;padding:.75rem}
.big{font-size:1.6rem;font-weight:700}
.inline-form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}
.inline-form label{margin:0}
.inline-form input,.inline-form select{width:auto;min-width:10rem}
.row{display:flex;flex-wrap:wrap;gap:0 1rem}
.row>div{flex:1 1 14rem}
dl.record{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.record dt{font-weight:600}
dl.record dd{margin:0}
.chart svg{max-width:100%;height:auto}
footer{color:var(--muted);font-size:.9rem;padding:1rem;text-align:center}
@media (max-width:40rem){main{padding:.75rem}dl.record{grid-template-columns:1fr}dl.record dd{margin-bottom:.5rem}th,td{padding:.3rem}}
@media print{header.site,nav.sub,footer,.no-print{display:none}main{max-width:none}body{font-family:"Noto Serif CJK SC","Songti SC",serif}}
.document{max-width:40rem;margin:0 auto}
.document h1{text-align:center;font-size:1.6rem}
.document .seal{text-align:right;margin-top:3rem}
`;

export interface NavItem {
  href: string;
  label: string;
}

export function navFor(ctx: PageContext): NavItem[] {
  const { t, v } = ctx.ui;
  const p = ctx.principal;
  if (p?.role === "org") {
    return [
      { href: "/portal", label: t("myOrg") },
      { href: "/portal/deadlines", label: t("myDeadlines") },
      { href: "/portal/cases", label: t("myCases") },
      { href: "/portal/notifications", label: t("notifications") },
      { href: "/portal/annual-report", label: t("annualReport") },
      { href: "/portal/assessment", label: t("applyAssessment") },
      { href: "/portal/major-events", label: v("major_event") },
      { href: "/portal/changes", label: v("change") },
      { href: "/portal/deregistration", label: v("deregistration") },
      { href: "/portal/registration", label: t("apply") },
    ];
  }
  // 业务主管单位: its own queue of pre-reviews and consents, nothing of the bureau's.
  if (p?.role === "supervisory_unit") return [{ href: "/console", label: t("queues") }];
  // 街道/乡镇: its area's organizations and their alerts; queues, seasons and figures are the district's.
  if (p?.role === "regulator" && districtOfStreet(p.jurisdiction)) {
    return [
      { href: "/console/alerts", label: t("alerts") },
      { href: "/console/register", label: t("register") },
    ];
  }
  if (p?.role === "regulator" || p?.role === "admin") {
    return [
      { href: "/console", label: t("queues") },
      { href: "/console/alerts", label: t("alerts") },
      { href: "/console/register", label: t("register") },
      { href: "/console/season", label: t("season") },
      { href: "/console/dashboard", label: t("dashboard") },
    ];
  }
  return [{ href: "/lookup", label: t("lookup") }];
}

const switchHref = (ctx: PageContext) =>
  `/lang/${ctx.ui.lang === "zh" ? "en" : "zh"}?back=${encodeURIComponent(ctx.path)}`;

export const Layout: FC<{ ctx: PageContext; title: string; scripts?: boolean; children?: Child }> = ({
  ctx,
  title,
  scripts,
  children,
}) => {
  const { t } = ctx.ui;
  const nav = navFor(ctx);
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={ctx.ui.lang === "zh" ? "zh-CN" : "en"}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${t("site")}`}</title>
          <style dangerouslySetInnerHTML={{ __html: STYLE }} />
          {scripts ? <script src="/assets/htmx.min.js" defer /> : null}
        </head>
        <body>
          <a class="skip" href="#main">
            {t("skip")}
          </a>
          <header class="site">
            <a class="title" href="/">
              {t("site")}
            </a>
            <a href="/lookup">{t("lookup")}</a>
            <a href={switchHref(ctx)} lang={ctx.ui.lang === "zh" ? "en" : "zh-CN"}>
              {t("switchLang")}
            </a>
            {ctx.principal ? (
              <form method="post" action="/sign-out">
                <input type="hidden" name="_csrf" value={ctx.csrf} />
                <button type="submit">
                  {t("signOut")} ({ctx.ui.v(ctx.principal.role)})
                </button>
              </form>
            ) : ctx.signIn ? (
              <a href="/sign-in">{t("signIn")}</a>
            ) : null}
          </header>
          {nav.length > 1 ? (
            <nav class="sub" aria-label={t("portal")}>
              {nav.map((n) => (
                <a href={n.href} aria-current={ctx.path === n.href ? "page" : undefined}>
                  {n.label}
                </a>
              ))}
            </nav>
          ) : null}
          <main id="main">
            <h1>{title}</h1>
            {children}
          </main>
          <footer>{t("site")}</footer>
        </body>
      </html>
    </>
  );
};

/** A labelled field with the API's message for it beside it, keeping what was typed. */
export const Field: FC<{
  name: string;
  label: string;
  value?: string | undefined;
  problems?: Record<string, string>;
  type?: string;
  multiline?: boolean;
  options?: { value: string; label: string }[];
  required?: boolean;
  hint?: string;
}> = ({ name, label, value, problems, type, multiline, options, required, hint }) => {
  const id = `f-${name.replaceAll(".", "-")}`;
  const error = problems?.[name];
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    name,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy || undefined,
    required: required || undefined,
  };
  return (
    <div>
      <label for={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} class="muted">
          {hint}
        </p>
      ) : null}
      {options ? (
        <select {...common}>
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea {...common}>{value ?? ""}</textarea>
      ) : (
        <input {...common} type={type ?? "text"} value={value ?? ""} />
      )}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
};

export const Csrf: FC<{ ctx: PageContext }> = ({ ctx }) => (
  <input type="hidden" name="_csrf" value={ctx.csrf} />
);

/** The problems the API reported, above the form, each a link to its field. */
export const ProblemSummary: FC<{ ctx: PageContext; message?: string; problems: Record<string, string> }> = ({
  ctx,
  message,
  problems,
}) => {
  const entries = Object.entries(problems);
  if (!message && entries.length === 0) return null;
  return (
    <div class="errors" role="alert" tabindex={-1} id="problems">
      <p>
        <strong>{ctx.ui.t("formErrors")}</strong> {entries.length === 0 ? message : null}
      </p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, text]) => (
            <li>
              <a href={`#f-${field.replaceAll(".", "-")}`}>{field}</a>: {text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

export const ClockBadge: FC<{ ctx: PageContext; state?: string; left?: number }> = ({ ctx, state, left }) =>
  state ? (
    <span class={`state-${state}`}>
      {ctx.ui.v(state)}
      {left !== undefined ? ` (${left})` : ""}
    </span>
  ) : null;

/** A list as a scrolling table with column headers, or one line saying there is nothing. */
export const DataTable: FC<{ headers: string[]; empty: string; rows: unknown[]; children?: Child }> = ({
  headers,
  empty,
  rows,
  children,
}) =>
  rows.length === 0 ? (
    <p>{empty}</p>
  ) : (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            {headers.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
