import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4937A0" });

const imported = (overrides: Record<string, unknown> = {}) => ({
  uscc,
  name: "上海市嘉定区汽车行业协会",
  orgType: "social_group",
  jurisdiction: "310114",
  registeredOn: "2016-05-20",
  domicile: "上海市嘉定区安亭镇",
  legalRepresentative: { name: "李四", idNumber: "11010519491231002X", phone: "13800138000" },
  contact: { email: "auto@example.org", phone: "13800138009" },
  grade: { level: "4A", validUntil: "2027-12-31" },
  term: { start: "2021-06-01", end: "2026-05-31" },
  ...overrides,
});

beforeAll(async () => {
  h = await startHarness();
  officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
});
afterAll(() => h.stop());

describe("import of an existing organization", () => {
  it("imports once; a second import of the USCC is 409", async () => {
    expect((await h.call("POST", "/organizations", { token: officer, body: imported() })).status).toBe(201);
    expect((await h.call("POST", "/organizations", { token: officer, body: imported() })).status).toBe(409);
  });

  it("the same Idempotency-Key twice answers 201 twice and imports once", async () => {
    const other = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4937F0" });
    const headers = { "idempotency-key": `import-${other}` };
    const body = imported({ uscc: other, term: undefined, grade: undefined });
    const first = await h.call("POST", "/organizations", { token: officer, body, headers });
    const second = await h.call("POST", "/organizations", { token: officer, body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect((await h.call("POST", "/organizations", { token: officer, body })).status).toBe(409);
  });

  it("refuses a USCC whose category or division contradicts the type or jurisdiction, naming the field", async () => {
    const other = issueUscc({ category: "2", division: "310114", organizationCodeBody: "MJ4937B0" });
    const wrongType = await h.call<{ error: { details: { field: string }[] } }>("POST", "/organizations", {
      token: officer,
      body: imported({ uscc: other }),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details.map((d) => d.field)).toEqual(["orgType"]);
    const elsewhere = issueUscc({ category: "1", division: "310112", organizationCodeBody: "MJ4937C0" });
    const wrongPlace = await h.call<{ error: { details: { field: string }[] } }>("POST", "/organizations", {
      token: officer,
      body: imported({ uscc: elsewhere }),
    });
    expect(wrongPlace.body.error.details.map((d) => d.field)).toEqual(["jurisdiction"]);
    const badCheck = await h.call<{ error: { details: { field: string; code: string }[] } }>(
      "POST",
      "/organizations",
      {
        token: officer,
        body: imported({ uscc: `${uscc.slice(0, 17)}${uscc.endsWith("0") ? "1" : "0"}` }),
      },
    );
    expect(badCheck.status).toBe(400);
    expect(badCheck.body.error.details[0]).toMatchObject({ field: "uscc", code: "check_digit" });
  });

  it("refuses a term that ends before it starts, naming term.end, and writes nothing", async () => {
    const other = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4937E0" });
    const res = await h.call<{ error: { details: { field: string }[] } }>("POST", "/organizations", {
      token: officer,
      body: imported({ uscc: other, term: { start: "2021-06-01", end: "2020-05-31" } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field)).toEqual(["term.end"]);
    expect((await h.call("GET", `/organizations/${other}`)).status).toBe(404);
  });

  it("a regulator imports only into its own jurisdiction; an organization not at all", async () => {
    const minhang = await h.token({ role: "regulator", sub: "mh", jurisdiction: "310112" });
    const org = await h.token({ role: "org", sub: "x", uscc });
    const other = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4937D0" });
    expect(
      (await h.call("POST", "/organizations", { token: minhang, body: imported({ uscc: other }) })).status,
    ).toBe(403);
    expect(
      (await h.call("POST", "/organizations", { token: org, body: imported({ uscc: other }) })).status,
    ).toBe(403);
  });
});

describe("the public record", () => {
  it("is readable without a token and holds nothing personal", async () => {
    const res = await h.call<Record<string, unknown>>("GET", `/organizations/${uscc}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      uscc,
      name: "上海市嘉定区汽车行业协会",
      orgType: "social_group",
      status: "registered",
      jurisdiction: "310114",
      registeredOn: "2016-05-20",
      grade: { level: "4A", validUntil: "2027-12-31" },
      creditLists: [],
      annualInspections: [],
    });
    const text = JSON.stringify(res.body);
    for (const personal of ["11010519491231002X", "李四", "13800138000", "auto@example.org"]) {
      expect(text).not.toContain(personal);
    }
  });

  it("is 400 for a malformed or wrong-check-digit USCC and 404 for an unknown one", async () => {
    expect((await h.call("GET", "/organizations/not-a-uscc")).status).toBe(400);
    expect(
      (await h.call("GET", `/organizations/${uscc.slice(0, 17)}${uscc.endsWith("0") ? "1" : "0"}`)).status,
    ).toBe(400);
    const unknown = issueUscc({ category: "3", division: "310114", organizationCodeBody: "MJ9999Y0" });
    expect((await h.call("GET", `/organizations/${unknown}`)).status).toBe(404);
  });

  it("its deadlines are for the organization itself and its regulator only", async () => {
    const self = await h.token({ role: "org", sub: "auto-staff", uscc });
    const stranger = await h.token({
      role: "org",
      sub: "stranger",
      uscc: issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ0000E0" }),
    });
    const minhang = await h.token({ role: "regulator", sub: "mh", jurisdiction: "310112" });
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: self })).status).toBe(200);
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: officer })).status).toBe(200);
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: stranger })).status).toBe(404);
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`, { token: minhang })).status).toBe(404);
    expect((await h.call("GET", `/organizations/${uscc}/deadlines`)).status).toBe(401);
  });
});

describe("the API describes itself", () => {
  it("serves OpenAPI 3.1 with the stable routes, a docs page and health", async () => {
    const doc = await h.call<{ openapi: string; paths: Record<string, unknown> }>("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    for (const path of [
      "/registrations",
      "/cases/{caseId}",
      "/cases/{caseId}/supplements",
      "/tasks",
      "/tasks/{taskId}/claim",
      "/tasks/{taskId}/decision",
      "/organizations",
      "/organizations/{uscc}",
      "/organizations/{uscc}/deadlines",
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    const docs = await h.runtime.app.request("/docs");
    expect(docs.status).toBe(200);
    const page = await docs.text();
    expect(page).toContain("/openapi.json");
    // The local runtime serves Swagger UI itself: the page works with no network.
    expect(page).toContain("/assets/swagger-ui-dist/swagger-ui-bundle.js");
    const script = await h.runtime.app.request("/assets/swagger-ui-dist/swagger-ui-bundle.js");
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
    expect((await h.runtime.app.request("/assets/swagger-ui-dist/package.json")).status).toBe(404);
    expect((await h.call("GET", "/health")).body).toEqual({ status: "ok" });
    expect((await h.call("GET", "/no-such-route")).status).toBe(404);
  });
});
