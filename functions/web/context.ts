import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { ZodError } from "zod";
import type { Principal } from "../../shared/domain/access/policy.js";
import { DomainError, NotPermitted } from "../../shared/domain/errors.js";
import { fieldProblems } from "../api/errors.js";
import { i18n, type Lang } from "./i18n.js";
import type { PageContext } from "./layout.js";
import type { SignInOptions } from "./openid-client.js";
import type { Sessions } from "./session.js";

export type FormBody = Record<string, string | File | (string | File)[]>;

export type WebEnv = { Variables: { viewer?: Principal; form?: FormBody } };

export interface WebOptions {
  sessions: Sessions;
  /** The identity provider the pages sign in through; without one the pages offer no sign-in. */
  signIn?: SignInOptions;
}

export const LANG_COOKIE = "socorg_lang";

export function langOf(c: Context): Lang {
  return getCookie(c, LANG_COOKIE) === "en" ? "en" : "zh";
}

export function pageContext(c: Context<WebEnv>, opts: WebOptions): PageContext {
  const principal = c.get("viewer");
  const url = new URL(c.req.url);
  return {
    ui: i18n(langOf(c)),
    ...(principal ? { principal } : {}),
    csrf: opts.sessions.csrfToken(c),
    path: url.pathname,
    signIn: opts.signIn !== undefined,
  };
}

/** A redirect to sign-in, raised from a page a visitor may not see yet. */
export class SignInRequired extends Error {}

export function requireViewer<R extends Principal["role"]>(
  c: Context<WebEnv>,
  ...roles: R[]
): Extract<Principal, { role: R }> {
  const viewer = c.get("viewer");
  if (!viewer) throw new SignInRequired();
  if (!roles.includes(viewer.role as R)) throw new NotPermitted("not for this role");
  return viewer as Extract<Principal, { role: R }>;
}

/** One text value of the posted form ("" when absent). */
export function formText(c: Context<WebEnv>, name: string): string {
  const v = c.get("form")?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

/** Every posted text field, by name, for a form that shows again with what was typed. */
export function formValues(c: Context<WebEnv>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.get("form") ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string" && k !== "_csrf") out[k] = first;
  }
  return out;
}

/** A number field: a number when it reads as one, else the text, so the API's schema names the problem. */
export function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : value;
}

export interface FormOutcome {
  message?: string;
  problems: Record<string, string>;
}

/** The API's validation messages of a refused submission, by field. */
export function refusal(error: unknown): FormOutcome {
  const byField = (list: { field?: unknown; message?: unknown }[]) => {
    const problems: Record<string, string> = {};
    for (const p of list) {
      if (typeof p.field === "string" && typeof p.message === "string") problems[p.field] ??= p.message;
    }
    return problems;
  };
  if (error instanceof DomainError) {
    const details = Array.isArray(error.details) ? (error.details as { field?: unknown }[]) : [];
    return { message: error.message, problems: byField(details) };
  }
  if (isZodError(error)) return { problems: byField(fieldProblems(error)) };
  throw error;
}

const isZodError = (e: unknown): e is ZodError =>
  typeof e === "object" && e !== null && "issues" in e && Array.isArray((e as ZodError).issues);
