/** A table of organizations as an export holds it, whatever the file format: a header row, then rows of cells. */

export interface SheetRow {
  /** Where the row starts in the file (a CSV line, a worksheet row number); the header is 1. */
  line: number;
  /** The row's cells by header name, as text; a cell the row lacks is "". */
  cells: Record<string, string>;
  /** How many cells the row has, so a caller can refuse one that does not match the header. */
  width: number;
  /** Cells that could not be read as text faithfully, by column (e.g. an 18-digit number Excel rounded). */
  problems?: { field: string; message: string }[];
}

export interface ParsedSheet {
  header: string[];
  rows: SheetRow[];
}

export class SheetError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "SheetError";
  }
}

/** A header names each column once and none of them empty. */
export function checkedHeader(names: readonly string[]): string[] {
  const header = names.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") throw new SheetError("the header has an empty column name", 1);
    if (seen.has(name)) throw new SheetError(`the header names ${name} twice`, 1);
    seen.add(name);
  }
  return header;
}

/** Cells keyed by the header; a cell the row lacks is "". */
export function cellsOf(header: readonly string[], fields: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  header.forEach((name, k) => {
    cells[name] = fields[k] ?? "";
  });
  return cells;
}
