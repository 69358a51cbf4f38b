import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { importOrganization } from "../../shared/usecases/import-organization.js";
import { Browser } from "./browser.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ000031" });
const INVITED = "colleague.signin@example.org";

beforeAll(async () => {
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
  await importOrganization(
    h.runtime.deps,
    { role: "admin", sub: "t" },
    {
      uscc,
      name: "上海市嘉定区登录测试协会",
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2015-06-01",
      domicile: "上海市嘉定区博乐路2号",
      contact: { email: "signin@example.org", phone: "13800138031" },
    },
  );
  const member = await h.token({ role: "org", sub: "member-signin", uscc });
  const invited = await h.call("POST", `/organizations/${uscc}/invitations`, {
    token: member,
    body: { email: INVITED },
  });
  expect(invited.status).toBe(201);
});
afterAll(() => h.stop());

/** The invitee, typed at the provider's page: a sign-in that completes takes the invitation. */
const invitee = { sub: "colleague-signin", email: INVITED };

const sessionCookie = (res: { headers: Headers }) =>
  res.headers.getSetCookie().find((l) => l.startsWith("socorg_session="));

/** A refused callback: a 400 page naming why, no session, and the invitation still waiting. */
async function expectRefused(
  b: Browser,
  res: { status: number; html: string; headers: Headers },
  reason: string,
  signedOut = true,
) {
  expect(res.status).toBe(400);
  expect(res.html).toContain(`data-reason="${reason}"`);
  expect(res.html).toContain("登录未完成");
  expect(sessionCookie(res)).toBeUndefined();
  if (signedOut) expect((await b.request("GET", "/portal")).location).toBe("/sign-in?back=%2Fportal");
  expect(await h.runtime.deps.store.listInvitations(INVITED)).toHaveLength(1);
}

describe("sign-in through the identity provider (authorization code, PKCE, state, nonce)", () => {
  it("sends the browser to the provider with a fresh state, nonce and S256 challenge", async () => {
    const b = new Browser(h);
    const first = new URL((await b.request("GET", "/sign-in?back=/portal/deadlines")).location ?? "");
    const second = new URL((await b.request("GET", "/sign-in")).location ?? "");
    expect(first.origin).toBe(h.runtime.tokens.issuer);
    for (const k of ["state", "nonce", "code_challenge"]) {
      expect(first.searchParams.get(k)?.length).toBeGreaterThanOrEqual(43);
      expect(first.searchParams.get(k)).not.toBe(second.searchParams.get(k));
    }
    expect(first.searchParams.get("code_challenge_method")).toBe("S256");
    expect(first.searchParams.get("redirect_uri")).toBe("http://localhost/sign-in/callback");
  });

  it("refuses a callback whose state is not the one this browser started", async () => {
    const b = new Browser(h);
    const start = await b.request("GET", "/sign-in");
    const callback = new URL(await b.throughProvider(start.location ?? "", invitee));
    callback.searchParams.set("state", "not-the-state");
    await expectRefused(b, await b.request("GET", Browser.pathOf(callback.href)), "bad_state");
  });

  it("refuses a callback from another browser, which started no sign-in", async () => {
    const b = new Browser(h);
    const start = await b.request("GET", "/sign-in");
    const callback = await b.throughProvider(start.location ?? "", invitee);
    const other = new Browser(h);
    await expectRefused(other, await other.request("GET", Browser.pathOf(callback)), "no_sign_in");
  });

  it("refuses an ID token whose nonce is not this sign-in's", async () => {
    const b = new Browser(h);
    const start = new URL((await b.request("GET", "/sign-in")).location ?? "");
    start.searchParams.set("nonce", "another-sign-ins-nonce-aaaaaaaaaaaaaaaaaaaaaaaaa");
    const callback = await b.throughProvider(start.href, invitee);
    await expectRefused(b, await b.request("GET", Browser.pathOf(callback)), "bad_id_token");
  });

  it("refuses a replayed code, even under a sign-in this browser started since", async () => {
    const b = new Browser(h);
    const start = await b.request("GET", "/sign-in");
    const callback = new URL(await b.throughProvider(start.location ?? "", { sub: "replay-signin" }));
    const done = await b.request("GET", Browser.pathOf(callback.href));
    expect(done.status).toBe(303);
    expect(sessionCookie(done)).toBeDefined();

    const thief = new Browser(h);
    const fresh = new URL((await thief.request("GET", "/sign-in")).location ?? "");
    callback.searchParams.set("state", fresh.searchParams.get("state") ?? "");
    await expectRefused(thief, await thief.request("GET", Browser.pathOf(callback.href)), "code_refused");
    // The same browser replaying its own callback finds its sign-in already taken, and stays as it was.
    await expectRefused(b, await b.request("GET", Browser.pathOf(callback.href)), "no_sign_in", false);
  });

  it("a completed sign-in starts an HttpOnly SameSite=Lax session, Secure over https, and takes the invitation", async () => {
    const b = new Browser(h);
    const start = await b.request("GET", "/sign-in?back=/portal/deadlines");
    const callback = await b.throughProvider(start.location ?? "", invitee);
    const res = await b.request("GET", Browser.pathOf(callback), undefined, { "x-forwarded-proto": "https" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/portal/deadlines");
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect((await b.request("GET", "/portal")).html).toContain("上海市嘉定区登录测试协会");
    expect(await h.runtime.deps.store.listInvitations(INVITED)).toHaveLength(0);
  });

  it("a demo person picked at the provider acts through the grant recorded for them", async () => {
    const b = new Browser(h);
    const res = await b.signIn({ who: "regulator", division: "310114" });
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).not.toMatch(/Secure/);
    const console = await b.request("GET", "/console");
    expect(console.status).toBe(200);
    const grants = await h.runtime.deps.store.listGrants({
      issuer: h.runtime.tokens.issuer,
      sub: "officer-310114",
    });
    expect(grants.map((g) => g.scope)).toEqual([{ kind: "regulator", division: "310114" }]);
  });

  it("sign-out ends the session and goes on to the provider's end-session page", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    expect((await b.request("GET", "/portal")).status).toBe(200);
    const out = await b.post("/sign-out", {}, "/portal");
    expect(out.status).toBe(303);
    const end = new URL(out.location ?? "");
    expect(`${end.origin}${end.pathname}`).toBe(`${h.runtime.tokens.issuer}/session/end`);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost/");
    expect(sessionCookie(out)).toMatch(/socorg_session=;/);
    expect((await b.request("GET", "/portal")).location).toBe("/sign-in?back=%2Fportal");
    const confirm = await b.atProvider(end.href);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain("退出本地身份提供方");
  });
});
