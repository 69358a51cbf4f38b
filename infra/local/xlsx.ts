/**
 * Excel workbooks (.xlsx), as bureaus' registers export them, read and written with exceljs. The first
 * worksheet's first row is the header; a row's line is its row number. Every cell is read as the text a
 * clerk sees: a date cell as YYYY-MM-DD, a number as its digits, a link or rich text as its text.
 */
import ExcelJS from "exceljs";
import { cellsOf, checkedHeader, type ParsedSheet, SheetError, type SheetRow } from "./sheet.js";

type CellValue = ExcelJS.CellValue;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A cell's text, or why it has none that can be trusted. */
function cellText(value: CellValue): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: String(value) };
  // exceljs gives a date cell as the UTC midnight of its day.
  if (value instanceof Date) return { text: isoDay(value) };
  if (typeof value === "number") {
    // Excel keeps 15 significant digits: an ID number typed as a number has lost its last ones.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return {
        problem: `a number Excel has rounded (${value}): format the column as text and type it again`,
      };
    }
    return { text: String(value) };
  }
  if ("error" in value) return { problem: `the cell holds the error ${value.error}` };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("hyperlink" in value) return { text: typeof value.text === "string" ? value.text : "" };
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result ?? null);
  return { problem: "a cell of a kind that cannot be read as text" };
}

export async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new SheetError(`not a readable .xlsx workbook (${(error as Error).message})`, 1);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) return { header: [], rows: [] };
  const read = (row: ExcelJS.Row, width: number) => {
    const texts: string[] = [];
    const problems: { column: number; message: string }[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = cellText(row.getCell(c).value);
      if ("text" in cell) texts.push(cell.text);
      else {
        texts.push("");
        problems.push({ column: c, message: cell.problem });
      }
    }
    return { texts, problems };
  };
  const headerRow = sheet.getRow(1);
  const { texts: names } = read(headerRow, headerRow.cellCount);
  while (names.length > 0 && names.at(-1)?.trim() === "") names.pop();
  const header = checkedHeader(names);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const { texts, problems } = read(row, Math.max(header.length, row.cellCount));
    // Trailing empty cells are how a sheet looks, not a longer row.
    let width = texts.length;
    while (width > header.length && texts[width - 1] === "") width--;
    if (texts.every((t) => t.trim() === "") && problems.length === 0) return;
    rows.push({
      line,
      cells: cellsOf(header, texts),
      width,
      ...(problems.length > 0
        ? {
            problems: problems.map((p) => ({
              field: header[p.column - 1] ?? `column ${p.column}`,
              message: p.message,
            })),
          }
        : {}),
    });
  });
  return { header, rows };
}

export type XlsxCell = string | number | Date;

/** A workbook of one worksheet, the header in bold, as a register's export looks. */
export async function toXlsx(header: string[], rows: XlsxCell[][], sheetName = "Sheet1"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const cells of rows) {
    const row = sheet.addRow(cells);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd";
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
