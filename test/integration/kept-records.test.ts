import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identitySubject } from "../../shared/domain/cases/records.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import type { CertificateRecord } from "../../shared/ports/store.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let admin: string;
let officer: string;
let issuer: string;

type Task = { taskId: string; caseId: string };
const materials = (...kinds: string[]) => kinds.map((kind) => ({ kind, ref: `oss://docs/${kind}.pdf` }));

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token({ role: "admin", sub: "root" });
  officer = await h.token({ role: "regulator", sub: "kept-officer", jurisdiction: "310114" });
  issuer = h.runtime.tokens.issuer;
});
afterAll(() => h?.stop());

const decide = async (queue: string, caseId: string, outcome: string) => {
  const open = await h.call<{ items: Task[] }>("GET", `/tasks?queue=${queue}&status=open`, {
    token: officer,
  });
  const task = open.body.items.find((t) => t.caseId === caseId);
  if (!task) throw new Error(`no ${queue} task for ${caseId}`);
  expect(
    (await h.call("POST", `/tasks/${task.taskId}/decision`, { token: officer, body: { outcome } })).status,
  ).toBe(200);
};

/** An application approved: the organization's USCC. */
async function registered(sub: string, name: string): Promise<{ uscc: string; caseId: string }> {
  const founder = await h.token({ role: "org", sub });
  const created = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: founder,
    body: application({ name }),
  });
  expect(created.status).toBe(201);
  await decide("registration", created.body.caseId, "approve");
  const view = await h.call<{ uscc: string }>("GET", `/cases/${created.body.caseId}`, { token: founder });
  return { uscc: view.body.uscc, caseId: created.body.caseId };
}

const nameCheck = (name: string) =>
  h.call<{ available: boolean; conflicts: { name: string; holder: string; match: string; uscc?: string }[] }>(
    "POST",
    "/name-checks",
    { token: officer, body: { orgType: "social_service", jurisdiction: "310114", name } },
  );
const applyAs = async (sub: string, name: string) =>
  h.call<{ error?: { code: string } }>("POST", "/registrations", {
    token: await h.token({ role: "org", sub }),
    body: application({ name }),
  });

describe("a grant keeps the audit events of its changes", () => {
  it("the person's timeline reads the grant's own events after the separate ones written before, in order", async () => {
    const who = { issuer, sub: "kept-officer-1" };
    // An event item as grants wrote them before they kept their events.
    await h.runtime.deps.store.transact([
      {
        op: "appendEvent",
        subject: identitySubject(who),
        event: { at: "2025-03-01T01:00:00.000Z", actor: "admin:root", action: "granted", note: "admin" },
      },
    ]);
    const body = { sub: who.sub, role: "regulator", jurisdiction: "310114" };
    expect((await h.call("POST", "/grants", { token: admin, body })).status).toBe(201);
    expect((await h.call("POST", "/grants/revocations", { token: admin, body })).status).toBe(200);
    expect((await h.call("POST", "/grants", { token: admin, body })).status).toBe(201);

    const record = await h.call<{
      items: Record<string, unknown>[];
      timeline: { at: string; action: string; note?: string }[];
    }>("GET", `/grants?sub=${who.sub}`, { token: admin });
    expect(record.body.timeline.map((e) => `${e.action} ${e.note?.split(" ")[0]}`)).toEqual([
      "granted admin",
      "granted regulator:310114",
      "grant_revoked regulator:310114",
      "granted regulator:310114",
    ]);
    const at = record.body.timeline.map((e) => e.at);
    expect(at).toEqual([...at].sort());
    // The grant answers as its record, never with the events it keeps.
    expect(record.body.items).toHaveLength(1);
    expect(Object.keys(record.body.items[0] ?? {})).not.toContain("timeline");
    expect(record.body.items[0]).not.toHaveProperty("revokedAt");
    const store = await h.runtime.deps.store.listTimeline(identitySubject(who));
    expect(store).toEqual(record.body.timeline);
  });
});

describe("a registered name stays held by its registration case", () => {
  it("the name check calls it registered, others are refused it, and a change of name and the organization's end free it", async () => {
    const name = "上海市嘉定区晓风社区服务中心";
    const { uscc } = await registered("kept-founder-1", name);
    const check = await nameCheck(name);
    expect(check.body).toMatchObject({
      available: false,
      conflicts: [{ name, holder: "registered", match: "same", uscc }],
    });
    expect((await applyAs("kept-rival-1", name)).body.error?.code).toBe("name_taken");

    const org = await h.token({ role: "org", sub: "kept-founder-1", uscc });
    const renamed = "上海市嘉定区银杏社区服务中心";
    const change = await h.call<{ caseId: string }>("POST", `/organizations/${uscc}/changes`, {
      token: org,
      body: { changes: { name: renamed }, materials: materials("application_form", "change_resolution") },
    });
    expect(change.status).toBe(201);
    await decide("change", change.body.caseId, "approve");
    expect((await nameCheck(name)).body.available).toBe(true);
    expect((await nameCheck(renamed)).body.conflicts).toMatchObject([{ holder: "registered", uscc }]);
    expect((await applyAs("kept-rival-2", renamed)).body.error?.code).toBe("name_taken");
    expect((await applyAs("kept-rival-3", name)).status).toBe(201);
  });

  it("deregistration frees the name its registration case still holds", async () => {
    const name = "上海市嘉定区梧桐社区服务中心";
    const { uscc } = await registered("kept-founder-2", name);
    const org = await h.token({ role: "org", sub: "kept-founder-2", uscc });
    const applied = await h.call<{ caseId: string }>("POST", `/organizations/${uscc}/deregistration`, {
      token: org,
      body: {
        reason: "宗旨已实现",
        liquidation: { reportRef: "清算报告-2025-03", completedOn: "2025-03-03" },
        materials: materials("application_form"),
      },
    });
    expect(applied.status).toBe(201);
    expect((await applyAs("kept-rival-4", name)).body.error?.code).toBe("name_taken");
    await decide("deregistration", applied.body.caseId, "approve");
    expect((await h.call<{ status: string }>("GET", `/organizations/${uscc}`)).body.status).toBe(
      "deregistered",
    );
    expect((await nameCheck(name)).body.available).toBe(true);
    expect((await applyAs("kept-rival-5", name)).status).toBe(201);
  });
});

describe("a certificate issued with its organization sits in the organization's item", () => {
  it("the case shows it after the organization is written again, beside a certificate item from before", async () => {
    const { uscc, caseId } = await registered("kept-founder-3", "上海市嘉定区松柏社区服务中心");
    const store = h.runtime.deps.store;
    const view = async () =>
      (await h.call<{ certificate?: CertificateRecord }>("GET", `/cases/${caseId}`, { token: officer })).body
        .certificate;
    const issued = await view();
    expect(issued).toMatchObject({ uscc, caseId, name: "上海市嘉定区松柏社区服务中心" });

    const org = (await store.getOrganization(uscc)) as OrganizationRecord;
    expect(Object.keys(org)).not.toContain("certificates");
    await store.transact([
      {
        op: "putOrganization",
        organization: { ...org, domicile: "嘉定区博乐路 9 号", version: org.version + 1 },
        expectVersion: org.version,
      },
    ]);
    // A certificate as one was written before certificates went into the organization's item.
    const before: CertificateRecord = {
      ...(issued as CertificateRecord),
      issuedOn: "2024-01-02",
      caseId: "REGOLD",
    };
    await store.transact([{ op: "putCertificate", certificate: before }]);
    expect(await view()).toEqual(issued);
    expect(await store.getCertificates(uscc)).toEqual([before, issued]);
    expect((await store.getOrganization(uscc))?.domicile).toBe("嘉定区博乐路 9 号");
  });
});
