import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
const PUBLIC = new Set([
  "GET /health",
  "GET /organizations/{uscc}",
  "POST /cases/{caseId}/objections",
  "GET /openapi.json",
  "GET /docs",
]);
const LOCAL_ONLY = new Set(["POST /dev/tokens", "POST /admin/clock", "POST /admin/sweep", "GET /outbox"]);
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ5000A0" });

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const concrete = (path: string) =>
  path
    .replace("{uscc}", uscc)
    .replace("{caseId}", "REG0000000000")
    .replace("{taskId}", "T0000")
    .replace("{deadlineId}", "x");

describe("every route states its role and scope", () => {
  it("every route but the public and local-only ones answers 401 without a token", async () => {
    const doc = await h.call<{ paths: Record<string, Record<string, unknown>> }>("GET", "/openapi.json");
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      if (PUBLIC.has(route) || LOCAL_ONLY.has(route)) continue;
      const [method, path] = route.split(" ") as [string, string];
      const res = await h.call(method, concrete(path), method === "GET" ? {} : { body: {} });
      expect(res.status, route).toBe(401);
    }
  });

  it("each route refuses the wrong role or scope", async () => {
    const org = await h.token({ role: "org", sub: "org-x", uscc });
    const otherOrg = await h.token({
      role: "org",
      sub: "org-y",
      uscc: issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ5000B0" }),
    });
    const regulator = await h.token({ role: "regulator", sub: "reg-x", jurisdiction: "310114" });
    const elsewhere = await h.token({ role: "regulator", sub: "reg-y", jurisdiction: "310112" });
    const unit = await h.token({ role: "supervisory_unit", sub: "unit-x", unit: "上海市嘉定区教育局" });
    const street = await h.token({ role: "regulator", sub: "street-x", jurisdiction: "310114102" });
    const imported = await h.call("POST", "/organizations", {
      token: regulator,
      body: {
        uscc,
        name: "上海市嘉定区范围测试协会",
        orgType: "social_group",
        jurisdiction: "310114",
        registeredOn: "2019-01-01",
        contact: { email: "scope@example.org", phone: "13800000000" },
        term: { start: "2021-01-01", end: "2026-01-01" },
      },
    });
    expect(imported.status).toBe(201);
    const refusals: [string, string, string, unknown, number[]][] = [
      ["POST", "/registrations", regulator, {}, [403]],
      ["GET", "/cases", regulator, undefined, [403]],
      ["GET", "/tasks?queue=registration", org, undefined, [403]],
      ["POST", "/tasks/T0000/claim", org, undefined, [403, 404]],
      ["POST", "/tasks/T0000/decision", org, { outcome: "approve" }, [403, 404]],
      ["POST", "/organizations", org, {}, [403]],
      [
        "POST",
        "/organizations",
        elsewhere,
        {
          uscc: issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ5000C0" }),
          name: "上海市嘉定区越界测试协会",
          orgType: "social_group",
          jurisdiction: "310114",
          registeredOn: "2019-01-01",
          contact: { email: "cross@example.org", phone: "13800000000" },
        },
        [403],
      ],
      ["GET", `/organizations/${uscc}/deadlines`, otherOrg, undefined, [404]],
      ["GET", `/organizations/${uscc}/deadlines`, elsewhere, undefined, [404]],
      ["GET", `/organizations/${uscc}/timeline`, otherOrg, undefined, [404]],
      ["GET", `/organizations/${uscc}/timeline`, elsewhere, undefined, [404]],
      ["POST", `/organizations/${uscc}/annual-reports`, otherOrg, {}, [403]],
      ["POST", `/organizations/${uscc}/annual-reports`, regulator, {}, [403]],
      ["POST", "/annual-report-seasons", org, { year: 2025 }, [403]],
      ["GET", "/alerts", org, undefined, [403]],
      [
        "POST",
        "/cases/REG0000000000/supplements",
        regulator,
        { materials: [{ kind: "charter", ref: "x" }] },
        [403, 404],
      ],
      ["POST", "/cases/REG0000000000/rectification", regulator, { note: "x", evidence: [] }, [403, 404]],
      ["POST", `/organizations/${uscc}/assessments`, otherOrg, {}, [403]],
      ["POST", `/organizations/${uscc}/assessments`, regulator, {}, [403]],
      ["GET", "/assessment-rounds", org, undefined, [403]],
      ["POST", `/organizations/${uscc}/grade-changes`, org, {}, [403]],
      [
        "POST",
        `/organizations/${uscc}/grade-changes`,
        elsewhere,
        { action: "withdraw", ground: "assessment_fraud", reason: "x" },
        [404],
      ],
      ["POST", "/grants", regulator, { sub: "x", role: "admin" }, [403]],
      ["POST", "/grants", org, { sub: "x", role: "regulator", jurisdiction: "310114" }, [403]],
      ["POST", "/grants/revocations", regulator, { sub: "x", role: "admin" }, [403]],
      ["GET", "/grants?sub=reg-x", regulator, undefined, [403]],
      ["POST", `/organizations/${uscc}/invitations`, otherOrg, { email: "a@example.org" }, [403]],
      ["POST", `/organizations/${uscc}/invitations`, regulator, { email: "a@example.org" }, [403]],
      // A supervisory unit works its own supervisory_review queue and nothing of the bureau's.
      ["GET", "/tasks?queue=registration", unit, undefined, [403]],
      ["GET", "/tasks?queue=change", unit, undefined, [403]],
      ["POST", "/tasks/T0000/decision", unit, { outcome: "consent" }, [404]],
      ["POST", "/organizations", unit, {}, [403]],
      ["GET", "/alerts", unit, undefined, [403]],
      ["GET", "/stats", unit, undefined, [403]],
      ["GET", `/organizations/${uscc}/deadlines`, unit, undefined, [403, 404]],
      ["POST", `/organizations/${uscc}/annual-reports`, unit, {}, [403]],
      ["POST", `/organizations/${uscc}/changes`, unit, {}, [403]],
      ["POST", "/annual-report-seasons", unit, { year: 2025 }, [403]],
      ["POST", "/grants", unit, { sub: "x", role: "supervisory_unit", unit: "上海市嘉定区教育局" }, [403]],
      ["GET", "/cases/REG0000000000", unit, undefined, [404]],
      ["GET", "/organizations", unit, undefined, [403]],
      ["GET", "/organizations", org, undefined, [403]],
      ["GET", "/organizations?jurisdiction=310114", elsewhere, undefined, [403]],
      // A street or town grant sees its own area and works nothing of its district's.
      ["GET", "/organizations?jurisdiction=310114", street, undefined, [403]],
      ["GET", "/organizations?jurisdiction=310114103", street, undefined, [403]],
      ["GET", "/alerts?jurisdiction=310114", street, undefined, [403]],
      ["GET", "/tasks?queue=registration", street, undefined, [403]],
      ["POST", "/tasks/T0000/claim", street, undefined, [404]],
      ["GET", "/stats", street, undefined, [403]],
      ["POST", "/annual-report-seasons", street, { year: 2025 }, [403]],
      ["GET", `/organizations/${uscc}/deadlines`, street, undefined, [404]],
    ];
    for (const [method, path, token, body, allowed] of refusals) {
      const res = await h.call(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(allowed, `${method} ${path}`).toContain(res.status);
    }
    const deadlines = await h.call<{ items: { deadlineId: string }[] }>(
      "GET",
      `/organizations/${uscc}/deadlines`,
      {
        token: regulator,
      },
    );
    const id = deadlines.body.items[0]?.deadlineId as string;
    const extension = { dueDate: "2026-12-31", reason: "x" };
    expect((await h.call("POST", `/deadlines/${id}/extension`, { token: org, body: extension })).status).toBe(
      403,
    );
    expect(
      (await h.call("POST", `/deadlines/${id}/extension`, { token: elsewhere, body: extension })).status,
    ).toBe(404);
  });
});
