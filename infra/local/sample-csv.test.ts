import { describe, expect, it } from "vitest";
import { importOrganizationSchema } from "../../functions/api/schemas.js";
import { addYears } from "../../shared/domain/calendar/index.js";
import { validateResidentId, validateUscc } from "../../shared/domain/identifiers/index.js";
import { parseCsv } from "./csv.js";
import { ORGANIZATION_CSV_COLUMNS, rowToOrganization } from "./import-csv.js";
import { sampleOrganizations, sampleOrganizationsCsv } from "./sample-csv.js";

const KIND_WORDS = {
  social_group: /(协会|学会|商会|促进会)$/,
  social_service: /(中心|服务社|学校)$/,
  foundation: /基金会$/,
} as const;

function parsedRows(options: Parameters<typeof sampleOrganizationsCsv>[0]) {
  const { header, rows } = parseCsv(sampleOrganizationsCsv(options));
  expect(header).toEqual([...ORGANIZATION_CSV_COLUMNS]);
  return rows;
}

describe("sampleOrganizationsCsv", () => {
  it("gives the same bytes for the same options, and other bytes for another seed", () => {
    const a = sampleOrganizationsCsv({ count: 200, badRows: 5 });
    expect(sampleOrganizationsCsv({ count: 200, badRows: 5 })).toBe(a);
    expect(sampleOrganizationsCsv({ count: 200, badRows: 5, seed: 2 })).not.toBe(a);
  });

  it("writes rows that parse back to the generated cells", () => {
    const sample = sampleOrganizations({ count: 300 });
    const rows = parsedRows({ count: 300 });
    expect(rows.map((r) => ORGANIZATION_CSV_COLUMNS.map((c) => r.cells[c]))).toEqual(sample.rows);
    expect(rows.some((r) => (r.cells.businessScope ?? "").includes("\n"))).toBe(true);
  });

  it("writes only rows that the importer and the API's schema accept", () => {
    const rows = parsedRows({ count: 1000 });
    for (const row of rows) {
      const result = rowToOrganization(row.cells);
      if (!result.ok) expect.fail(`line ${row.line}: ${JSON.stringify(result.problems)}`);
      const api = importOrganizationSchema.safeParse(result.body);
      if (!api.success) expect.fail(`line ${row.line}: ${api.error.message}`);
    }
  });

  it("issues unique USCCs whose category and division match the row, and unique names that state area, field and kind", () => {
    const rows = parsedRows({ count: 1000 });
    const usccs = new Set<string>();
    const names = new Set<string>();
    for (const { cells } of rows) {
      const result = rowToOrganization(cells);
      if (!result.ok) throw new Error("a good row failed");
      const { body } = result;
      const checked = validateUscc(body.uscc);
      expect(checked.ok).toBe(true);
      expect(body.uscc.slice(0, 2)).toBe(
        { social_group: "51", social_service: "52", foundation: "53" }[body.orgType],
      );
      expect(body.uscc.slice(2, 10)).toMatch(/^310114MJ$/);
      expect(body.name).toMatch(/^上海市嘉定区/);
      expect(body.name).toMatch(KIND_WORDS[body.orgType]);
      usccs.add(body.uscc);
      names.add(body.name);
    }
    expect(usccs.size).toBe(1000);
    expect(names.size).toBe(1000);
  });

  it("uses the codes and the Chinese names of the types", () => {
    const types = new Set(parsedRows({ count: 500 }).map((r) => r.cells.orgType));
    for (const t of [
      "social_group",
      "social_service",
      "foundation",
      "社会团体",
      "社会服务机构",
      "民办非企业单位",
      "基金会",
    ]) {
      expect(types).toContain(t);
    }
  });

  it("fills realistic values: ID numbers, mobiles, dates, some grades and five-year terms", () => {
    const asOf = "2025-01-01";
    const bodies = parsedRows({ count: 1000, asOf }).map((r) => {
      const result = rowToOrganization(r.cells);
      if (!result.ok) throw new Error("a good row failed");
      return result.body;
    });
    for (const b of bodies) {
      expect(b.registeredOn >= "2005-01-01" && b.registeredOn <= "2024-12-31").toBe(true);
      expect(b.contact.phone).toMatch(/^1[3-9]\d{9}$/);
      if (b.legalRepresentative) {
        const id = validateResidentId(b.legalRepresentative.idNumber);
        if (!id.ok) throw new Error(id.message);
        expect(["310114", "310112", "320582"]).toContain(id.division);
        expect(id.birthDate >= "1950-01-01" && id.birthDate <= "1990-12-31").toBe(true);
      }
      if (b.grade) expect(b.grade.validUntil > asOf && b.grade.validUntil <= addYears(asOf, 5)).toBe(true);
      if (b.term) {
        expect(b.term.start >= b.registeredOn).toBe(true);
        expect(addYears(b.term.start, 5) > b.term.end).toBe(true);
      }
    }
    const share = (n: number) => n / bodies.length;
    expect(share(bodies.filter((b) => b.grade).length)).toBeGreaterThan(0.15);
    expect(share(bodies.filter((b) => b.term).length)).toBeGreaterThan(0.8);
    expect(share(bodies.filter((b) => !b.legalRepresentative).length)).toBeGreaterThan(0);
    expect(new Set(bodies.map((b) => b.registeredOn.slice(0, 4))).size).toBe(20);
  });

  it("states the area of another jurisdiction", () => {
    for (const [jurisdiction, area] of [
      ["310112", "上海市闵行区"],
      ["320582", "张家港市"],
    ] as const) {
      for (const row of parsedRows({ count: 50, jurisdiction })) {
        const result = rowToOrganization(row.cells);
        if (!result.ok) expect.fail(JSON.stringify(result.problems));
        expect(result.body.name.startsWith(area)).toBe(true);
        expect(result.body.jurisdiction).toBe(jurisdiction);
      }
    }
  });

  it("plants one defect in each bad row, spread through the file, and the importer names its column", () => {
    const sample = sampleOrganizations({ count: 100, badRows: 10 });
    expect(sample.defects.map((d) => d.row)).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
    expect(new Set(sample.defects.map((d) => d.defect)).size).toBe(5);
    const rows = parsedRows({ count: 100, badRows: 10 });
    const bad = new Map(sample.defects.map((d) => [d.row, d.field]));
    rows.forEach((row, i) => {
      const result = rowToOrganization(row.cells);
      const field = bad.get(i);
      if (field === undefined) expect(result.ok).toBe(true);
      else expect(result).toMatchObject({ ok: false, problems: [{ field }] });
      if (!result.ok) expect(result.problems).toHaveLength(1);
    });
  });

  it("refuses more bad rows than rows, and an unknown division", () => {
    expect(() => sampleOrganizationsCsv({ count: 3, badRows: 4 })).toThrow(RangeError);
    expect(() => sampleOrganizationsCsv({ count: 3, jurisdiction: "999999" })).toThrow(RangeError);
  });
});
