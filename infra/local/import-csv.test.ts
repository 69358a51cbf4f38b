import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importOrganizationSchema } from "../../functions/api/schemas.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "../../test/integration/harness.js";
import { CsvError, toCsv } from "./csv.js";
import {
  formatReport,
  type ImportOptions,
  importCsv,
  importSheet,
  importSucceeded,
  ORGANIZATION_CSV_COLUMNS,
  type OrganizationCsvColumn,
  type PostOrganization,
  progressPrinter,
  rowToOrganization,
} from "./import-csv.js";
import { sampleOrganizations, sampleOrganizationsCsv, sampleOrganizationsXlsx } from "./sample-csv.js";
import { parseXlsx } from "./xlsx.js";

const USCC = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4937A0" });

function row(overrides: Partial<Record<OrganizationCsvColumn, string>> = {}): Record<string, string> {
  return {
    uscc: USCC,
    name: "上海市嘉定区汽车行业协会",
    orgType: "social_group",
    jurisdiction: "310114",
    registeredOn: "2016-05-20",
    domicile: "上海市嘉定区安亭镇墨玉路1号",
    businessScope: "行业自律、信息交流",
    legalRepName: "李四",
    legalRepIdNumber: "11010519491231002X",
    legalRepPhone: "13800138000",
    contactEmail: "auto@example.org",
    contactPhone: "13800138009",
    supervisoryUnit: "",
    gradeLevel: "4A",
    gradeValidUntil: "2027-12-31",
    termStart: "2021-06-01",
    termEnd: "2026-05-31",
    ...overrides,
  };
}

const csvOf = (...rows: Record<string, string>[]) =>
  toCsv(
    [...ORGANIZATION_CSV_COLUMNS],
    rows.map((r) => ORGANIZATION_CSV_COLUMNS.map((c) => r[c] ?? "")),
  );

const uscc = (n: number, category: "1" | "2" | "3" = "1") =>
  issueUscc({ category, division: "310114", organizationCodeBody: `MJ${String(n).padStart(6, "0")}` });

describe("rowToOrganization", () => {
  it("makes the body of POST /organizations, nesting the legal representative, contact, grade and term", () => {
    const result = rowToOrganization(row());
    expect(result).toEqual({
      ok: true,
      body: {
        uscc: USCC,
        name: "上海市嘉定区汽车行业协会",
        orgType: "social_group",
        jurisdiction: "310114",
        registeredOn: "2016-05-20",
        domicile: "上海市嘉定区安亭镇墨玉路1号",
        businessScope: "行业自律、信息交流",
        legalRepresentative: { name: "李四", idNumber: "11010519491231002X", phone: "13800138000" },
        contact: { email: "auto@example.org", phone: "13800138009" },
        grade: { level: "4A", validUntil: "2027-12-31" },
        term: { start: "2021-06-01", end: "2026-05-31" },
      },
    });
    if (result.ok) expect(importOrganizationSchema.safeParse(result.body).success).toBe(true);
  });

  it("leaves out what empty cells and missing columns leave out", () => {
    const bare = rowToOrganization({
      uscc: ` ${USCC} `,
      name: "上海市嘉定区汽车行业协会",
      orgType: "社会团体",
      jurisdiction: "310114",
      registeredOn: "2016-05-20",
      contactEmail: "auto@example.org",
      contactPhone: "138 0013 8009",
      domicile: "",
    });
    expect(bare).toEqual({
      ok: true,
      body: {
        uscc: USCC,
        name: "上海市嘉定区汽车行业协会",
        orgType: "social_group",
        jurisdiction: "310114",
        registeredOn: "2016-05-20",
        contact: { email: "auto@example.org", phone: "13800138009" },
      },
    });
  });

  it.each([
    ["社会团体", "1", "social_group"],
    ["社会服务机构", "2", "social_service"],
    ["民办非企业单位", "2", "social_service"],
    ["基金会", "3", "foundation"],
    ["foundation", "3", "foundation"],
  ] as const)("reads orgType %s", (cell, category, orgType) => {
    const result = rowToOrganization(row({ orgType: cell, uscc: uscc(1, category) }));
    expect(result).toMatchObject({ ok: true, body: { orgType } });
  });

  it("reads a grade typed as 4a or 4A级", () => {
    for (const gradeLevel of ["4a", "4A级"]) {
      expect(rowToOrganization(row({ gradeLevel }))).toMatchObject({
        ok: true,
        body: { grade: { level: "4A" } },
      });
    }
  });

  it("names every problem of a row by its column", () => {
    const result = rowToOrganization(
      row({
        uscc: "",
        orgType: "社会组织",
        registeredOn: "2016/05/20",
        legalRepIdNumber: "110105194912310021",
        contactEmail: "auto.example.org",
        contactPhone: "12345",
        gradeLevel: "6A",
        termEnd: "2020-01-01",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      "uscc",
      "orgType",
      "registeredOn",
      "legalRepIdNumber",
      "contactEmail",
      "contactPhone",
      "gradeLevel",
      "termEnd",
    ]);
    expect(result.problems[0]?.message).toBe("required");
  });

  it("refuses a USCC whose category or division contradicts the type or jurisdiction, as the API does", () => {
    expect(rowToOrganization(row({ uscc: uscc(2, "2") }))).toMatchObject({
      ok: false,
      problems: [{ field: "orgType" }],
    });
    const elsewhere = issueUscc({ category: "1", division: "310112", organizationCodeBody: "MJ000003" });
    expect(rowToOrganization(row({ uscc: elsewhere }))).toMatchObject({
      ok: false,
      problems: [{ field: "jurisdiction" }],
    });
  });

  it("keeps a street or town code under the jurisdiction, and names the column of one outside it", () => {
    const street = rowToOrganization(row({ streetCode: "310114103" }));
    expect(street).toMatchObject({ ok: true, body: { streetCode: "310114103" } });
    expect(rowToOrganization(row({ streetCode: "310112103" }))).toMatchObject({
      ok: false,
      problems: [
        { field: "streetCode", message: "street or town 310112103 is not under jurisdiction 310114" },
      ],
    });
    expect(rowToOrganization(row({ streetCode: "3101141" }))).toMatchObject({
      ok: false,
      problems: [{ field: "streetCode" }],
    });
  });

  it("refuses half a legal representative, grade or term rather than drop it", () => {
    const result = rowToOrganization(row({ legalRepIdNumber: "", gradeValidUntil: "", termStart: "" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(["legalRepIdNumber", "gradeValidUntil", "termStart"]);
  });

  it("refuses an unknown division code", () => {
    expect(rowToOrganization(row({ jurisdiction: "319999" }))).toMatchObject({
      ok: false,
      problems: [{ field: "jurisdiction" }],
    });
  });
});

describe("importCsv with a stand-in server", () => {
  const created = (): PostOrganization => async () => ({ status: 201, body: {} });
  const options = (post: PostOrganization, extra: Partial<ImportOptions> = {}): ImportOptions => ({
    post,
    retryDelayMs: 1,
    ...extra,
  });

  it("counts 201 as loaded and 409 as already present", async () => {
    const text = csvOf(row({ uscc: uscc(1) }), row({ uscc: uscc(2) }), row({ uscc: uscc(3) }));
    const post: PostOrganization = async (body) => ({ status: body.uscc === uscc(2) ? 409 : 201, body: {} });
    const report = await importCsv(text, options(post));
    expect(report).toEqual({ rows: 3, loaded: 2, alreadyPresent: 1, failed: [] });
    expect(importSucceeded(report)).toBe(true);
  });

  it("reports the server's 400 details by column, and other refusals as the request's", async () => {
    const text = csvOf(row({ uscc: uscc(1) }), row({ uscc: uscc(2) }));
    const post: PostOrganization = async (body) =>
      body.uscc === uscc(1)
        ? {
            status: 400,
            body: {
              error: {
                code: "invalid_request",
                message: "bad",
                details: [{ field: "legalRepresentative.idNumber", code: "custom", message: "check_digit" }],
              },
            },
          }
        : { status: 403, body: { error: { code: "forbidden", message: "not your jurisdiction" } } };
    const report = await importCsv(text, options(post));
    expect(report.failed).toEqual([
      { line: 2, uscc: uscc(1), problems: [{ field: "legalRepIdNumber", message: "check_digit" }] },
      {
        line: 3,
        uscc: uscc(2),
        problems: [{ field: "request", message: "HTTP 403: not your jurisdiction" }],
      },
    ]);
    expect(importSucceeded(report)).toBe(false);
  });

  it("retries a network error or a 5xx with the same Idempotency-Key, and reports what never answered", async () => {
    const keys = new Map<string, string[]>();
    const post: PostOrganization = async (body, key) => {
      const seen = keys.get(body.uscc) ?? [];
      keys.set(body.uscc, [...seen, key]);
      if (body.uscc === uscc(1)) throw new Error("ECONNRESET");
      if (seen.length === 0) return { status: 503, body: {} };
      return { status: 201, body: {} };
    };
    const report = await importCsv(csvOf(row({ uscc: uscc(1) }), row({ uscc: uscc(2) })), options(post));
    expect(report.loaded).toBe(1);
    expect(report.failed).toEqual([
      { line: 2, uscc: uscc(1), problems: [{ field: "request", message: "ECONNRESET" }] },
    ]);
    expect(keys.get(uscc(1))).toHaveLength(3);
    const second = keys.get(uscc(2)) ?? [];
    expect(second).toHaveLength(2);
    expect(new Set(second).size).toBe(1);
    expect(second[0]).toContain(uscc(2));
  });

  it("gives each run its own keys, so a second run meets the 409 rather than a replay", async () => {
    const keys: string[] = [];
    const post: PostOrganization = async (_body, key) => {
      keys.push(key);
      return { status: 201, body: {} };
    };
    await importCsv(csvOf(row()), options(post));
    await importCsv(csvOf(row()), options(post));
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("refuses a second row with the same USCC and a row of the wrong width without sending them", async () => {
    const sent: string[] = [];
    const post: PostOrganization = async (body) => {
      sent.push(body.uscc);
      return { status: 201, body: {} };
    };
    const text = `${csvOf(row({ uscc: uscc(1) }), row({ uscc: uscc(1) }))}${uscc(3)},short\r\n`;
    const report = await importCsv(text, options(post));
    expect(sent).toEqual([uscc(1)]);
    expect(report.failed).toEqual([
      { line: 3, uscc: uscc(1), problems: [{ field: "uscc", message: "the same USCC as line 2" }] },
      { line: 4, uscc: uscc(3), problems: [{ field: "row", message: "2 fields where the header has 18" }] },
    ]);
  });

  it("keeps at most `concurrency` requests in flight and reports progress up to the total", async () => {
    let inFlight = 0;
    let most = 0;
    const post: PostOrganization = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return { status: 201, body: {} };
    };
    const progress: number[] = [];
    const rows = Array.from({ length: 40 }, (_, i) => row({ uscc: uscc(i + 1) }));
    rows.push(row({ uscc: "bad" }));
    const report = await importCsv(csvOf(...rows), {
      post,
      onProgress: (done, total) => {
        expect(total).toBe(41);
        progress.push(done);
      },
    });
    expect(report.loaded).toBe(40);
    expect(most).toBe(8);
    expect(progress[0]).toBe(1);
    expect(progress.at(-1)).toBe(41);
    const three = await importCsv(csvOf(...rows), { post, concurrency: 3 });
    expect(three.loaded).toBe(40);
    expect(most).toBe(8);
  });

  it("refuses a file that lacks a required column before sending anything", async () => {
    await expect(importCsv("uscc,name\r\nx,y\r\n", options(created()))).rejects.toThrow(CsvError);
    await expect(importCsv("uscc,name\r\nx,y\r\n", options(created()))).rejects.toThrow(/orgType/);
  });
});

describe("formatReport and progressPrinter", () => {
  it("prints the counts, then one line per problem", () => {
    expect(
      formatReport({
        rows: 4,
        loaded: 2,
        alreadyPresent: 1,
        failed: [
          {
            line: 5,
            problems: [
              { field: "uscc", message: "bad" },
              { field: "name", message: "required" },
            ],
          },
        ],
      }),
    ).toBe("loaded 2, already present 1, failed 1 (of 4 rows)\nline 5: uscc: bad\nline 5: name: required\n");
  });

  it("writes a line at every tenth when the stream is not a terminal, and redraws a bar when it is", () => {
    const lines: string[] = [];
    const plain = progressPrinter({ write: (s: string) => lines.push(s) > 0, isTTY: false });
    for (let done = 0; done <= 200; done++) plain(done, 200);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe("100% 200/200\n");
    const drawn: string[] = [];
    const tty = progressPrinter({ write: (s: string) => drawn.push(s) > 0, isTTY: true });
    tty(5, 10);
    tty(10, 10);
    expect(drawn).toContain("[###############...............] 50% 5/10");
    expect(drawn).toContain("[##############################] 100% 10/10");
    // Stopped at the total: the cursor is shown again and the bar's line ended.
    expect(drawn.slice(-4)).toEqual(["\x1B[?25h", "\x1B[?7h", "\x1B8", "\n"]);
  });
});

/** POST /organizations on a harness's app, as an admin. */
async function poster(h: Harness): Promise<PostOrganization> {
  const admin = await h.token({ role: "admin", sub: "csv-import" });
  return async (body, key) => {
    const res = await h.runtime.app.request("/organizations", {
      method: "POST",
      headers: {
        authorization: `Bearer ${admin}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

describe("importCsv into the local runtime on DynamoDB Local", () => {
  let h: Harness;
  let post: PostOrganization;

  beforeAll(async () => {
    h = await startHarness();
    post = await poster(h);
  });
  afterAll(() => h.stop());

  it("loads the good rows, names each bad row's line and column, and a second run finds them all present", async () => {
    const options = { count: 60, badRows: 5 };
    const sample = sampleOrganizations(options);
    const text = sampleOrganizationsCsv(options);
    // Each row starts one line after the previous one's last line; quoted scopes may span lines.
    const lineOfRow: number[] = [];
    let line = 2;
    for (const cells of sample.rows) {
      lineOfRow.push(line);
      line += cells.join("").split("\n").length;
    }
    expect(line, "some scope spans lines").toBeGreaterThan(62);
    const expected = sample.defects.map((d) => ({ line: lineOfRow[d.row], field: d.field }));

    const first = await importCsv(text, { post });
    await h.runtime.settled();
    expect({ loaded: first.loaded, alreadyPresent: first.alreadyPresent, rows: first.rows }).toEqual({
      loaded: 55,
      alreadyPresent: 0,
      rows: 60,
    });
    expect(first.failed.map((f) => ({ line: f.line, field: f.problems[0]?.field }))).toEqual(expected);
    expect(first.failed.every((f) => f.problems.length === 1)).toBe(true);

    const again = await importCsv(text, { post });
    expect({ loaded: again.loaded, alreadyPresent: again.alreadyPresent }).toEqual({
      loaded: 0,
      alreadyPresent: 55,
    });
    expect(again.failed).toEqual(first.failed);

    const good = sample.rows.find((_, i) => !sample.defects.some((d) => d.row === i));
    const res = await h.call<{ uscc: string; name: string; status: string }>(
      "GET",
      `/organizations/${good?.[0]}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uscc: good?.[0], name: good?.[1], status: "registered" });
  });
});

describe("an .xlsx export and a CSV export of the same sample", () => {
  let fromCsv: Harness;
  let fromXlsx: Harness;

  beforeAll(async () => {
    [fromCsv, fromXlsx] = await Promise.all([startHarness(), startHarness()]);
  });
  afterAll(() => Promise.all([fromCsv?.stop(), fromXlsx?.stop()]));

  it("load the same organizations, with the same deadlines, and refuse the same rows", async () => {
    const options = { count: 25, badRows: 5 };
    const sample = sampleOrganizations(options);
    const workbook = await parseXlsx(await sampleOrganizationsXlsx(options));
    // The workbook holds dates as date cells and mobiles as numbers, as registers do.
    expect(workbook.rows.some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.cells.registeredOn ?? ""))).toBe(true);

    const csv = await importCsv(sampleOrganizationsCsv(options), { post: await poster(fromCsv) });
    const xlsx = await importSheet(workbook, { post: await poster(fromXlsx) });
    await Promise.all([fromCsv.runtime.settled(), fromXlsx.runtime.settled()]);

    expect(csv.loaded).toBe(20);
    expect(xlsx.loaded).toBe(20);
    const refused = (r: typeof csv) =>
      r.failed.map((f) => ({ uscc: f.uscc, fields: f.problems.map((p) => p.field) }));
    expect(refused(xlsx)).toEqual(refused(csv));
    // A bad row of a workbook is named by its row number.
    expect(xlsx.failed.map((f) => f.line)).toEqual(sample.defects.map((d) => d.row + 2));

    const regulator = { role: "regulator", sub: "officer-1", jurisdiction: "310114" } as const;
    const [csvToken, xlsxToken] = await Promise.all([fromCsv.token(regulator), fromXlsx.token(regulator)]);
    const good = sample.rows
      .filter((_, i) => !sample.defects.some((d) => d.row === i))
      .map((cells) => cells[0]);
    let deadlines = 0;
    for (const uscc of good) {
      const [a, b] = await Promise.all([
        fromCsv.call("GET", `/organizations/${uscc}`),
        fromXlsx.call("GET", `/organizations/${uscc}`),
      ]);
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
      const [da, db] = await Promise.all([
        fromCsv.call("GET", `/organizations/${uscc}/deadlines`, { token: csvToken }),
        fromXlsx.call("GET", `/organizations/${uscc}/deadlines`, { token: xlsxToken }),
      ]);
      expect(da.status).toBe(200);
      expect(db.body).toEqual(da.body);
      deadlines += (da.body as { items: unknown[] }).items.length;
    }
    expect(deadlines, "terms and grades became deadlines").toBeGreaterThan(20);
  });
});
