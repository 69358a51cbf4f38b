import ExcelJS from "exceljs";
import type { Context } from "hono";

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
  width?: number;
}

/** A list as an .xlsx workbook, one sheet, headers in bold: how bureaus report upward. */
export async function xlsxResponse<T>(c: Context, filename: string, columns: Column<T>[], rows: T[]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(filename.slice(0, 31));
  sheet.columns = columns.map((col) => ({ header: col.header, width: col.width ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((col) => col.value(row) ?? ""));
  const buffer = await book.xlsx.writeBuffer();
  return c.body(new Uint8Array(buffer as ArrayBuffer), 200, {
    "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`,
  });
}

/** Whether the list was asked for as a workbook. */
export const wantsXlsx = (c: Context) => c.req.query("format") === "xlsx";

/** The same list's address as a workbook. */
export function xlsxHref(c: Context): string {
  const url = new URL(c.req.url);
  url.searchParams.set("format", "xlsx");
  return `${url.pathname}?${url.searchParams.toString()}`;
}
