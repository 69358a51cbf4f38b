/**
 * CSV as RFC 4180 writes it, read by csv-parse: records separated by CRLF (LF and lone CR are read too), a
 * field in double quotes may hold commas, line breaks and quotes doubled (""). A leading UTF-8 BOM, as Excel
 * writes it, is dropped; blank lines are skipped but counted, so a row's line is where it starts in the file.
 */
import { CsvError as ParseError, parse } from "csv-parse/sync";
import { cellsOf, checkedHeader, type ParsedSheet, SheetError, type SheetRow } from "./sheet.js";

export { SheetError as CsvError } from "./sheet.js";

const LF = 0x0a;
const CR = 0x0d;
const isBreak = (c: number | undefined) => c === LF || c === CR;

/** Line numbers by byte offset, counted forward only (CRLF, LF and a lone CR each end one line). */
function lineCounter(bytes: Uint8Array) {
  let at = 0;
  let line = 1;
  return (offset: number): number => {
    for (; at < offset; at++) {
      const c = bytes[at];
      if (c === LF || (c === CR && bytes[at + 1] !== LF)) line++;
    }
    return line;
  };
}

// csv-parse's own messages name its internals; a bureau's clerk needs to know what to fix.
const MESSAGES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is not closed",
  CSV_INVALID_CLOSING_QUOTE: "unexpected text after a closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "unexpected text after a closing quote",
};

export function parseCsv(text: string | Uint8Array): ParsedSheet {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text);
  const lineAt = lineCounter(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const records: { line: number; fields: string[] }[] = [];
  let end = bom;
  /** Where the record that ends at `to` starts: past the line breaks of any blank lines before it. */
  const startOf = (from: number, to: number) => {
    let i = from;
    while (i < to && isBreak(bytes[i])) i++;
    return i;
  };
  try {
    parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      // With `info`, csv-parse hands each record over as {record, info}; its typings do not say so.
      on_record: ((entry: { record: string[]; info: { bytes: number } }) => {
        const { record, info } = entry;
        const start = startOf(end, info.bytes);
        end = info.bytes;
        // A blank line is nothing but its line break; a quoted "" is a record with one empty value.
        if (start < end) records.push({ line: lineAt(start), fields: record });
        return null;
      }) as unknown as (record: string[]) => null,
    });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    // The record that failed starts where the last good one ended.
    throw new SheetError(MESSAGES[error.code] ?? error.message, lineAt(startOf(end, bytes.length)));
  }
  const [first, ...rest] = records;
  if (!first) return { header: [], rows: [] };
  const header = checkedHeader(first.fields);
  const rows: SheetRow[] = rest.map(({ line, fields }) => ({
    line,
    cells: cellsOf(header, fields),
    width: fields.length,
  }));
  return { header, rows };
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 text: CRLF after every record, fields quoted only where they must be. */
export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => `${r.map(field).join(",")}\r\n`).join("");
}
