import { generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CLIENT_ID } from "../../infra/local/identity-provider.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let admin: string;

const CALLBACK = "http://localhost:3000/sign-in/callback";

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token({ role: "admin", sub: "root" });
});
afterAll(() => h.stop());

/**
 * A real sign-in at the local OpenID provider (authorization code flow over HTTP): the provider's own
 * login step, then the code exchanged for an ID token at its token endpoint.
 */
async function signIn(sub: string, email?: string): Promise<string> {
  const issuer = h.runtime.tokens.issuer;
  const cookies: string[] = [];
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(url, issuer), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.join("; ") },
    });
    for (const c of res.headers.getSetCookie()) cookies.push(c.split(";")[0] as string);
    return res;
  };
  const auth = new URL("/auth", issuer);
  auth.search = new URLSearchParams({
    client_id: LOCAL_CLIENT_ID,
    response_type: "code",
    scope: "openid email profile",
    redirect_uri: CALLBACK,
    nonce: "n",
  }).toString();
  const toLogin = await go(auth.href);
  expect(toLogin.status).toBe(303);
  const interaction = toLogin.headers.get("location") as string;
  expect((await go(interaction)).status).toBe(200);
  const form = new URLSearchParams({ sub, ...(email ? { email } : {}) });
  const resumed = await go(`${interaction}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const back = await go(resumed.headers.get("location") as string);
  const code = new URL(back.headers.get("location") as string).searchParams.get("code");
  expect(code).toBeTruthy();
  const secret = h.runtime.tokens.clientSecret;
  const token = await fetch(new URL("/token", issuer), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${LOCAL_CLIENT_ID}:${secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: code as string,
      redirect_uri: CALLBACK,
    }),
  });
  expect(token.status).toBe(200);
  return ((await token.json()) as { id_token: string }).id_token;
}

const grant = (body: Record<string, unknown>) => h.call("POST", "/grants", { token: admin, body });

async function submitted(token: string, overrides: Record<string, unknown> = {}) {
  const res = await h.call<{ caseId: string }>("POST", "/registrations", {
    token,
    body: application(overrides),
  });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

const queueOf = (token: string) =>
  h.call<{ items: { taskId: string; caseId: string }[] }>("GET", "/tasks?queue=registration", { token });

describe("identity from the provider, authority from our grants", () => {
  it("a regulator of 310114 lists its queue, and not 310112's", async () => {
    const jiading = await signIn("officer-jd");
    const minhang = await signIn("officer-mh");
    expect((await queueOf(jiading)).status).toBe(403);
    expect((await grant({ sub: "officer-jd", role: "regulator", jurisdiction: "310114" })).status).toBe(201);
    expect((await grant({ sub: "officer-mh", role: "regulator", jurisdiction: "310112" })).status).toBe(201);
    const applicant = await signIn("applicant-q");
    const inJiading = await submitted(applicant);
    const inMinhang = await submitted(applicant, {
      jurisdiction: "310112",
      name: "上海市闵行区阳光社区服务中心",
      domicile: "上海市闵行区沪闵路1号",
    });
    const jd = (await queueOf(jiading)).body.items.map((t) => t.caseId);
    const mh = (await queueOf(minhang)).body.items.map((t) => t.caseId);
    expect(jd).toContain(inJiading);
    expect(jd).not.toContain(inMinhang);
    expect(mh).toContain(inMinhang);
    expect(mh).not.toContain(inJiading);
  });

  it("the city grant sees both districts' figures and alerts, and works no queue", async () => {
    const city = await signIn("officer-sh");
    expect((await grant({ sub: "officer-sh", role: "regulator", jurisdiction: "310000" })).status).toBe(201);
    for (const district of ["310114", "310112"]) {
      const stats = await h.call<{ jurisdiction: string }>("GET", `/stats?jurisdiction=${district}`, {
        token: city,
      });
      expect(stats.status).toBe(200);
      expect(stats.body.jurisdiction).toBe(district);
      expect((await h.call("GET", `/alerts?jurisdiction=${district}`, { token: city })).status).toBe(200);
    }
    expect((await h.call("GET", "/stats?jurisdiction=320114", { token: city })).status).toBe(403);
    expect((await queueOf(city)).status).toBe(403);
    const district = await h.token({ role: "regulator", sub: "officer-jd2", jurisdiction: "310114" });
    expect((await h.call("GET", "/stats?jurisdiction=310112", { token: district })).status).toBe(403);
  });

  it("an approved applicant's token acts for the new USCC, and a stranger's cannot", async () => {
    const founder = await signIn("founder-a");
    const stranger = await signIn("stranger-a");
    const officer = await h.token({ role: "regulator", sub: "officer-ap", jurisdiction: "310114" });
    const caseId = await submitted(founder, { name: "上海市嘉定区晨光社区服务中心" });
    const task = (await queueOf(officer)).body.items.find((t) => t.caseId === caseId);
    expect(
      (
        await h.call("POST", `/tasks/${task?.taskId}/decision`, {
          token: officer,
          body: { outcome: "approve" },
        })
      ).status,
    ).toBe(200);
    const { uscc } = (await h.call<{ uscc: string }>("GET", `/cases/${caseId}`, { token: founder })).body;
    expect(uscc).toMatch(/^52310114/);
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: founder })).status).toBe(200);
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: stranger })).status).toBe(404);
    expect(
      (
        await h.call("POST", `/organizations/${uscc}/invitations`, {
          token: stranger,
          body: { email: "x@example.org" },
        })
      ).status,
    ).toBe(403);
    const grants = await h.call<{
      items: { scope: unknown; grantedBy: string }[];
      timeline: { action: string }[];
    }>("GET", "/grants?sub=founder-a", { token: admin });
    expect(grants.body.items).toMatchObject([{ scope: { kind: "org", uscc }, grantedBy: "system" }]);
    expect(grants.body.timeline.map((e) => e.action)).toEqual(["granted"]);
  });

  it("an invitation is accepted on the invitee's sign-in with that verified address", async () => {
    const founder = await signIn("founder-b");
    const officer = await h.token({ role: "regulator", sub: "officer-in", jurisdiction: "310114" });
    const caseId = await submitted(founder, { name: "上海市嘉定区朝阳社区服务中心" });
    const task = (await queueOf(officer)).body.items.find((t) => t.caseId === caseId);
    await h.call("POST", `/tasks/${task?.taskId}/decision`, { token: officer, body: { outcome: "approve" } });
    const { uscc } = (await h.call<{ uscc: string }>("GET", `/cases/${caseId}`, { token: founder })).body;

    const invited = await h.call("POST", `/organizations/${uscc}/invitations`, {
      token: founder,
      body: { email: "Colleague@Example.org" },
    });
    expect(invited.status).toBe(201);
    // Another address signs in: nothing is taken.
    const other = await signIn("colleague-x", "someone@example.org");
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: other })).status).toBe(404);
    const colleague = await signIn("colleague-b", "colleague@example.org");
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: colleague })).status).toBe(200);
    const grants = await h.call<{ items: { scope: { kind: string; uscc?: string }; grantedBy: string }[] }>(
      "GET",
      `/grants?sub=colleague-b`,
      { token: admin },
    );
    expect(grants.body.items.map((g) => g.scope)).toEqual([{ kind: "org", uscc }]);
    const timeline = await h.call<{ items: { action: string; note?: string }[] }>(
      "GET",
      `/organizations/${uscc}/timeline`,
      { token: colleague },
    );
    const actions = timeline.body.items.map((e) => e.action);
    expect(actions).toContain("member_invited");
    expect(actions).toContain("invitation_accepted");
    // The invitation is taken once: a second person with the same address finds none.
    const again = await signIn("colleague-c", "colleague@example.org");
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: again })).status).toBe(404);
  });

  it("a revoked grant is refused at once, and the revocation is on the person's audit timeline", async () => {
    const officer = await signIn("officer-rv");
    await grant({ sub: "officer-rv", role: "regulator", jurisdiction: "310114" });
    expect((await queueOf(officer)).status).toBe(200);
    const revoked = await h.call("POST", "/grants/revocations", {
      token: admin,
      body: { sub: "officer-rv", role: "regulator", jurisdiction: "310114" },
    });
    expect(revoked.status).toBe(200);
    expect((await queueOf(officer)).status).toBe(403);
    const again = await h.call("POST", "/grants/revocations", {
      token: admin,
      body: { sub: "officer-rv", role: "regulator", jurisdiction: "310114" },
    });
    expect(again.status).toBe(404);
    const record = await h.call<{
      items: { revokedAt?: string; revokedBy?: string }[];
      timeline: { action: string; actor: string }[];
    }>("GET", "/grants?sub=officer-rv", { token: admin });
    expect(record.body.items[0]?.revokedBy).toBe("admin:root");
    expect(record.body.timeline.map((e) => e.action)).toEqual(["granted", "grant_revoked"]);
  });

  it("a grant or an invitation sent again with its Idempotency-Key answers the first and writes nothing more", async () => {
    const headers = { "idempotency-key": "grant-idem-1" };
    const body = { sub: "officer-idem", role: "regulator", jurisdiction: "310112" };
    const first = await h.call("POST", "/grants", { token: admin, body, headers });
    const second = await h.call("POST", "/grants", { token: admin, body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const reused = await h.call<{ error: { code: string } }>("POST", "/grants", {
      token: admin,
      body: { ...body, jurisdiction: "310114" },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    const record = await h.call<{ items: unknown[]; timeline: { action: string }[] }>(
      "GET",
      "/grants?sub=officer-idem",
      { token: admin },
    );
    expect(record.body.items).toHaveLength(1);
    expect(record.body.timeline.map((e) => e.action)).toEqual(["granted"]);

    const founder = await signIn("founder-idem");
    const officer = await h.token({ role: "regulator", sub: "officer-idem-r", jurisdiction: "310114" });
    const caseId = await submitted(founder, { name: "上海市嘉定区幸福社区服务中心" });
    const task = (await queueOf(officer)).body.items.find((t) => t.caseId === caseId);
    await h.call("POST", `/tasks/${task?.taskId}/decision`, { token: officer, body: { outcome: "approve" } });
    const { uscc } = (await h.call<{ uscc: string }>("GET", `/cases/${caseId}`, { token: founder })).body;
    const invite = () =>
      h.call("POST", `/organizations/${uscc}/invitations`, {
        token: founder,
        body: { email: "treasurer@example.org" },
        headers: { "idempotency-key": "invite-1" },
      });
    const invited = [await invite(), await invite()];
    expect(invited.map((r) => r.status)).toEqual([201, 201]);
    expect(invited[1]?.body).toEqual(invited[0]?.body);
    const timeline = await h.call<{ items: { action: string }[] }>("GET", `/organizations/${uscc}/timeline`, {
      token: founder,
    });
    expect(timeline.body.items.filter((e) => e.action === "member_invited")).toHaveLength(1);
  });

  it("grants are the admin's: another role is refused, and a bad grant names its field", async () => {
    const officer = await h.token({ role: "regulator", sub: "officer-g", jurisdiction: "310114" });
    const body = { sub: "someone", role: "admin" };
    expect((await h.call("POST", "/grants", { token: officer, body })).status).toBe(403);
    const bad = await h.call<{ error: { details: { field: string }[] } }>("POST", "/grants", {
      token: admin,
      body: { sub: "someone", role: "regulator", jurisdiction: "31011" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.field)).toContain("jurisdiction");
    expect(
      (await h.call<{ items: unknown[] }>("GET", "/grants?sub=someone", { token: admin })).body.items,
    ).toEqual([]);
  });
});

describe("tokens the app checks itself", () => {
  const localKey = async () => {
    const stored = await h.runtime.deps.store.getSetting<{ jwk: JWK }>("local_oidc");
    return { key: await importJWK(stored?.jwk as JWK, "RS256"), kid: stored?.jwk.kid as string };
  };
  const signed = async (
    claims: { aud?: string; iss?: string; exp?: number },
    key?: { key: Awaited<ReturnType<typeof importJWK>>; kid: string },
  ) => {
    const k = key ?? (await localKey());
    return new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: k.kid })
      .setSubject("officer-tk")
      .setIssuer(claims.iss ?? h.runtime.tokens.issuer)
      .setAudience(claims.aud ?? LOCAL_CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(k.key);
  };

  beforeAll(async () => {
    await grant({ sub: "officer-tk", role: "regulator", jurisdiction: "310114" });
  });

  it("a token signed with the provider's key for our audience, unexpired, is accepted", async () => {
    expect((await queueOf(await signed({}))).status).toBe(200);
  });

  it("a bad signature, a wrong audience, another issuer or an expired token is 401", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const { kid } = await localKey();
    const forged = await signed({}, { key: privateKey, kid });
    const tampered = `${(await signed({})).slice(0, -4)}AAAA`;
    const wrongAudience = await signed({ aud: "someone-else" });
    const otherIssuer = await signed({ iss: "http://127.0.0.1:1" });
    const expired = await signed({ exp: Math.floor(Date.now() / 1000) - 3600 });
    for (const token of [forged, tampered, wrongAudience, otherIssuer, expired, "not-a-jwt"]) {
      expect((await queueOf(token)).status).toBe(401);
    }
  });

  it("a token from POST /dev/tokens carries no authority of its own: it acts through the grant it recorded", async () => {
    const res = await h.call<{ token: string }>("POST", "/dev/tokens", {
      body: { role: "regulator", sub: "officer-dev", jurisdiction: "310114" },
    });
    const [, payload] = res.body.token.split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    expect(claims).toMatchObject({ sub: "officer-dev", iss: h.runtime.tokens.issuer, aud: LOCAL_CLIENT_ID });
    expect(claims.role).toBeUndefined();
    expect((await queueOf(res.body.token)).status).toBe(200);
    await h.call("POST", "/grants/revocations", {
      token: admin,
      body: { sub: "officer-dev", role: "regulator", jurisdiction: "310114" },
    });
    expect((await queueOf(res.body.token)).status).toBe(403);
  });
});
