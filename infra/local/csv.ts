/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (LF and lone CR are read too),
 * a field in double quotes may hold commas, line breaks and quotes doubled (""). A leading UTF-8 BOM,
 * as Excel writes it, is dropped; blank lines are skipped.
 */

export interface CsvRow {
  /** 1-based line of the file where the record starts; the header is line 1. */
  line: number;
  /** The record's fields by header name; a field the record lacks is "". */
  cells: Record<string, string>;
  /** How many fields the record has, so a caller can refuse one that does not match the header. */
  width: number;
}

export interface ParsedCsv {
  header: string[];
  rows: CsvRow[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvError";
  }
}

interface RawRecord {
  line: number;
  fields: string[];
}

function* records(text: string): Generator<RawRecord> {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let i = 0;
  let line = 1;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      let field = "";
      if (s[i] === '"') {
        quoted = true;
        const opened = line;
        i++;
        for (;;) {
          if (i >= s.length) throw new CsvError("a quoted field is not closed", opened);
          const c = s[i];
          if (c === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) line++;
          field += c;
          i++;
        }
        const after = s[i];
        if (after !== undefined && after !== "," && after !== "\r" && after !== "\n") {
          throw new CsvError(`unexpected ${JSON.stringify(after)} after a closing quote`, line);
        }
      } else {
        const from = i;
        while (i < s.length && s[i] !== "," && s[i] !== "\r" && s[i] !== "\n") i++;
        field = s.slice(from, i);
      }
      fields.push(field);
      if (s[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (s[i] === "\r") i++;
    if (s[i] === "\n") i++;
    line++;
    // A blank line is one empty unquoted field; a quoted "" is a record with one empty value.
    if (quoted || fields.length > 1 || fields[0] !== "") yield { line: start, fields };
  }
}

export function parseCsv(text: string): ParsedCsv {
  const all = records(text);
  const first = all.next();
  if (first.done) return { header: [], rows: [] };
  const header = first.value.fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") throw new CsvError("the header has an empty column name", 1);
    if (seen.has(name)) throw new CsvError(`the header names ${name} twice`, 1);
    seen.add(name);
  }
  const rows: CsvRow[] = [];
  for (const { line, fields } of all) {
    const cells: Record<string, string> = {};
    header.forEach((name, k) => {
      cells[name] = fields[k] ?? "";
    });
    rows.push({ line, cells, width: fields.length });
  }
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
