import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { SheetError } from "./sheet.js";
import { parseXlsx, toXlsx } from "./xlsx.js";

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet("名录"));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("parseXlsx", () => {
  it("reads the first worksheet's header and rows, each with its row number", async () => {
    const file = await toXlsx(
      ["uscc", "name"],
      [
        ["51310114MJ4937A0X", "协会"],
        ["51310114MJ4937A0Y", "学会"],
      ],
    );
    expect(await parseXlsx(file)).toEqual({
      header: ["uscc", "name"],
      rows: [
        { line: 2, cells: { uscc: "51310114MJ4937A0X", name: "协会" }, width: 2 },
        { line: 3, cells: { uscc: "51310114MJ4937A0Y", name: "学会" }, width: 2 },
      ],
    });
  });

  it("reads cells as a clerk sees them: date cells as YYYY-MM-DD, numbers by their digits, links and rich text by their text, formulas by their result", async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(["registeredOn", "contactPhone", "contactEmail", "name", "termEnd"]);
      sheet.addRow([
        new Date(Date.UTC(2016, 4, 20)),
        13800138000,
        { text: "auto@example.org", hyperlink: "mailto:auto@example.org" },
        { richText: [{ text: "上海市嘉定区" }, { text: "汽车行业协会", font: { bold: true } }] },
        { formula: "DATE(2026,5,31)", result: new Date(Date.UTC(2026, 4, 31)) },
      ]);
    });
    const { rows } = await parseXlsx(file);
    expect(rows[0]?.cells).toEqual({
      registeredOn: "2016-05-20",
      contactPhone: "13800138000",
      contactEmail: "auto@example.org",
      name: "上海市嘉定区汽车行业协会",
      termEnd: "2026-05-31",
    });
    expect(rows[0]?.problems).toBeUndefined();
  });

  it("names a cell it cannot read faithfully: an ID number Excel rounded, an error value", async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(["legalRepIdNumber", "fundsCny"]);
      sheet.addRow([Number("110105194912310021"), { formula: "1/0", result: { error: "#DIV/0!" } }]);
    });
    const { rows } = await parseXlsx(file);
    expect(rows[0]?.problems?.map((p) => p.field)).toEqual(["legalRepIdNumber", "fundsCny"]);
    expect(rows[0]?.problems?.[0]?.message).toMatch(/format the column as text/);
    expect(rows[0]?.problems?.[1]?.message).toMatch(/#DIV\/0!/);
  });

  it("skips empty rows but keeps the row numbers of the rest, and counts a cell beyond the header", async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(["a", "b"]);
      sheet.addRow(["1", "2"]);
      sheet.getRow(4).values = ["3", "", ""];
      sheet.getRow(5).values = ["4", "5", "6"];
    });
    const { rows } = await parseXlsx(file);
    expect(rows.map((r) => [r.line, r.width, r.cells.a])).toEqual([
      [2, 2, "1"],
      [4, 2, "3"],
      [5, 3, "4"],
    ]);
  });

  it("refuses a duplicate column name, and a file that is no workbook", async () => {
    const twice = await workbook((sheet) => {
      sheet.addRow(["a", "a"]);
    });
    await expect(parseXlsx(twice)).rejects.toThrow(/names a twice/);
    await expect(parseXlsx(Buffer.from("uscc,name\r\n"))).rejects.toThrow(SheetError);
  });

  it("gives no header and no rows for an empty worksheet", async () => {
    expect(await parseXlsx(await workbook(() => {}))).toEqual({ header: [], rows: [] });
  });
});
