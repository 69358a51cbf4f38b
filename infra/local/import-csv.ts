/**
 * Loads an export of existing organizations into socorg through POST /organizations.
 *
 *   npm run import -- orgs.csv|orgs.xlsx [--url http://localhost:3000] [--token <bearer>]
 *
 * The file is CSV (RFC 4180, UTF-8, an Excel BOM is fine) or an Excel workbook (.xlsx, its first worksheet),
 * with a header row naming these columns, in any order:
 *
 *   uscc            统一社会信用代码, 18 characters, category and division agreeing with orgType and jurisdiction
 *   name            full name, e.g. 上海市嘉定区汽车行业协会
 *   orgType         social_group | social_service | foundation, or 社会团体 | 社会服务机构 (民办非企业单位) | 基金会
 *   jurisdiction    6-digit division code of the registration authority, e.g. 310114
 *   registeredOn    YYYY-MM-DD
 *   domicile, businessScope, supervisoryUnit                          optional text
 *   streetCode      optional 9-digit street or town code (街道/乡镇) under the jurisdiction, e.g. 310114102
 *   legalRepName, legalRepIdNumber (GB 11643), legalRepPhone (mobile)  optional, all three or none
 *   contactEmail, contactPhone (mobile)                               required: where notices go
 *   gradeLevel (1A–5A), gradeValidUntil (YYYY-MM-DD)                  optional, both or neither
 *   termStart, termEnd (YYYY-MM-DD)                                   optional, both or neither
 *
 * An empty cell is an absent value. Each row is checked here first, by the API's own schema, and only valid rows
 * are sent, eight at a time, each with an Idempotency-Key derived from its USCC (and the run) so a retried request creates nothing
 * twice; an organization that exists already (409) counts as present, so running a file again is safe.
 * Without --token the tool asks the local server's POST /dev/tokens for an admin token.
 * The report goes to stdout; exit code 0 when every row was loaded or was already present, 1 otherwise.
 */
import { randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import type { z } from "zod";
import { importOrganizationSchema } from "../../functions/api/schemas.js";
import { validateUscc } from "../../shared/domain/identifiers/index.js";
import { usccProblems } from "../../shared/domain/organizations/imported.js";
import { streetCodeProblems } from "../../shared/domain/organizations/street.js";
import type { OrgType } from "../../shared/domain/registration/index.js";
import { parseCsv } from "./csv.js";
import { type ParsedSheet, SheetError } from "./sheet.js";
import { parseXlsx } from "./xlsx.js";

export const ORGANIZATION_CSV_COLUMNS = [
  "uscc",
  "name",
  "orgType",
  "jurisdiction",
  "registeredOn",
  "domicile",
  "streetCode",
  "businessScope",
  "legalRepName",
  "legalRepIdNumber",
  "legalRepPhone",
  "contactEmail",
  "contactPhone",
  "supervisoryUnit",
  "gradeLevel",
  "gradeValidUntil",
  "termStart",
  "termEnd",
] as const;

export type OrganizationCsvColumn = (typeof ORGANIZATION_CSV_COLUMNS)[number];

const REQUIRED_COLUMNS = [
  "uscc",
  "name",
  "orgType",
  "jurisdiction",
  "registeredOn",
  "contactEmail",
  "contactPhone",
] as const satisfies readonly OrganizationCsvColumn[];

/** orgType cells: the API's codes and the names the regulations and older exports use. */
export const ORG_TYPE_NAMES: Readonly<Record<string, OrgType>> = {
  social_group: "social_group",
  social_service: "social_service",
  foundation: "foundation",
  社会团体: "social_group",
  社会服务机构: "social_service",
  民办非企业单位: "social_service",
  基金会: "foundation",
};

/** The body POST /organizations takes. */
export type OrganizationImportBody = z.input<typeof importOrganizationSchema>;

export interface CellProblem {
  field: string;
  message: string;
}

export type RowResult = { ok: true; body: OrganizationImportBody } | { ok: false; problems: CellProblem[] };

// The server names fields by their path in the JSON body; the report names the column.
const COLUMN_OF_FIELD: Readonly<Record<string, OrganizationCsvColumn>> = {
  "legalRepresentative.name": "legalRepName",
  "legalRepresentative.idNumber": "legalRepIdNumber",
  "legalRepresentative.phone": "legalRepPhone",
  "contact.email": "contactEmail",
  "contact.phone": "contactPhone",
  "grade.level": "gradeLevel",
  "grade.validUntil": "gradeValidUntil",
  "term.start": "termStart",
  "term.end": "termEnd",
};

export const columnOfField = (field: string): string => COLUMN_OF_FIELD[field] ?? field;

const GROUPS = [
  ["legalRepName", "legalRepIdNumber", "legalRepPhone"],
  ["gradeLevel", "gradeValidUntil"],
  ["termStart", "termEnd"],
] as const satisfies readonly (readonly OrganizationCsvColumn[])[];

// A cell is quoted back in a problem only when it is short enough to read in one line of the report.
const quoted = (cell: string) => (cell.length <= 40 ? ` (cell: ${cell})` : "");

/**
 * One row as the body of POST /organizations, checked by the API's own schema, or every problem the row
 * has, by column. Only what bureaus' exports write differently from the API is cleaned up first.
 */
export function rowToOrganization(cells: Readonly<Record<string, string | undefined>>): RowResult {
  const problems: CellProblem[] = [];
  const raw = (column: OrganizationCsvColumn) => (cells[column] ?? "").trim();
  const text = (column: OrganizationCsvColumn) => raw(column) || undefined;
  // A partial group would lose data silently, so each missing member of it is a problem.
  const partial = new Set<OrganizationCsvColumn>();
  for (const columns of GROUPS) {
    const given = columns.filter((c) => raw(c) !== "");
    if (given.length === 0 || given.length === columns.length) continue;
    for (const c of columns) partial.add(c);
    for (const c of columns.filter((c) => raw(c) === "")) {
      problems.push({ field: c, message: `required together with ${given.join(", ")}` });
    }
  }
  const group = <T>(column: OrganizationCsvColumn, value: T) =>
    raw(column) !== "" && !partial.has(column) ? value : undefined;

  // Exports write phone numbers in groups ("138 0013 8000"), grades as people type them ("4a", "4A级"),
  // and types by their names in the regulations.
  const phone = (column: OrganizationCsvColumn) => text(column)?.replace(/[\s-]/g, "");
  const orgTypeCell = raw("orgType");
  const candidate = {
    uscc: text("uscc"),
    name: text("name"),
    orgType: ORG_TYPE_NAMES[orgTypeCell] ?? text("orgType"),
    jurisdiction: text("jurisdiction"),
    registeredOn: text("registeredOn"),
    domicile: text("domicile"),
    streetCode: text("streetCode"),
    businessScope: text("businessScope"),
    legalRepresentative: group("legalRepName", {
      name: text("legalRepName"),
      idNumber: text("legalRepIdNumber"),
      phone: phone("legalRepPhone"),
    }),
    contact: { email: text("contactEmail"), phone: phone("contactPhone") },
    supervisoryUnit: text("supervisoryUnit"),
    grade: group("gradeLevel", {
      level: text("gradeLevel")?.toUpperCase().replace(/级$/, ""),
      validUntil: text("gradeValidUntil"),
    }),
    term: group("termStart", { start: text("termStart"), end: text("termEnd") }),
  };

  const parsed = importOrganizationSchema.safeParse(withoutAbsent(candidate));
  const named = new Set<string>(problems.map((p) => p.field));
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = columnOfField(issue.path.join("."));
    if (named.has(field)) continue;
    named.add(field);
    const cell = raw(field as OrganizationCsvColumn);
    const message =
      cell === ""
        ? "required"
        : field === "orgType"
          ? `unknown organization type ${JSON.stringify(cell)}: one of ${Object.keys(ORG_TYPE_NAMES).join(", ")}`
          : `${issue.message}${quoted(cell)}`;
    problems.push({ field, message });
  }
  // The USCC's own checks and its agreement with the type and division, as the API applies them.
  const { uscc, orgType, jurisdiction } = candidate;
  if (uscc && !named.has("uscc")) {
    const agreeing = orgType && jurisdiction && !named.has("orgType") && !named.has("jurisdiction");
    const checked = validateUscc(uscc);
    const found = agreeing
      ? usccProblems(uscc, orgType as OrgType, jurisdiction)
      : checked.ok
        ? []
        : [{ field: "uscc", message: checked.message }];
    for (const p of found) problems.push({ field: p.field, message: p.message });
  }
  // The street or town must lie in the jurisdiction, as the API checks it.
  if (candidate.streetCode && jurisdiction && !named.has("streetCode") && !named.has("jurisdiction")) {
    for (const p of streetCodeProblems("streetCode", candidate.streetCode, jurisdiction)) {
      problems.push({ field: p.field, message: p.message });
    }
  }
  problems.sort((a, b) => columnOrder(a.field) - columnOrder(b.field));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, body: parsed.data };
}

const columnOrder = (field: string) => {
  const at = (ORGANIZATION_CSV_COLUMNS as readonly string[]).indexOf(field);
  return at < 0 ? ORGANIZATION_CSV_COLUMNS.length : at;
};

/** The body without the keys an empty cell left undefined, as JSON would carry it. */
function withoutAbsent<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The Idempotency-Key of one row in one run. A retry inside the run replays the first answer; a later run
 * gets a fresh key, so an organization loaded before is reported by its 409 rather than a replayed 201.
 */
export const idempotencyKeyFor = (runId: string, uscc: string): string => `org-import-${runId}-${uscc}`;

export interface PostResult {
  status: number;
  body: unknown;
}

export type PostOrganization = (body: OrganizationImportBody, idempotencyKey: string) => Promise<PostResult>;

export interface ImportOptions {
  post: PostOrganization;
  /** Requests in flight at once; 8 unless told. */
  concurrency?: number;
  /** Called with rows finished so far (checked locally or answered) and the number of rows. */
  onProgress?: (done: number, total: number) => void;
  /** Further attempts after a network error, a 429 or a 5xx; 2 unless told. */
  retries?: number;
  /** Wait before the first retry, doubled for each next one; 500 ms unless told. */
  retryDelayMs?: number;
  /** Names this run in the Idempotency-Keys; random unless told. */
  runId?: string;
}

export interface RowFailure {
  line: number;
  uscc?: string;
  problems: CellProblem[];
}

export interface ImportReport {
  rows: number;
  loaded: number;
  alreadyPresent: number;
  /** One entry per failed row, in file order. */
  failed: RowFailure[];
}

interface Pending {
  line: number;
  body: OrganizationImportBody;
}

const errorOf = (body: unknown): { message?: string; details?: unknown } => {
  const error = (body as { error?: unknown } | undefined)?.error;
  return error && typeof error === "object" ? (error as { message?: string; details?: unknown }) : {};
};

function serverProblems(result: PostResult): CellProblem[] {
  const error = errorOf(result.body);
  if ((result.status === 400 || result.status === 422) && Array.isArray(error.details)) {
    const details = error.details.filter(
      (d): d is { field: string; message: string } =>
        typeof d === "object" && d !== null && typeof d.field === "string" && typeof d.message === "string",
    );
    if (details.length > 0)
      return details.map((d) => ({ field: columnOfField(d.field), message: d.message }));
  }
  const text =
    error.message ?? (typeof result.body === "string" && result.body ? result.body : "no explanation");
  return [{ field: "request", message: `HTTP ${result.status}: ${text}` }];
}

const retryable = (status: number) => status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postWithRetries(
  post: PostOrganization,
  body: OrganizationImportBody,
  key: string,
  retries: number,
  delayMs: number,
): Promise<PostResult | { error: string }> {
  for (let attempt = 0; ; attempt++) {
    let outcome: PostResult | { error: string };
    try {
      outcome = await post(body, key);
      if (!retryable(outcome.status)) return outcome;
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    if (attempt >= retries) return outcome;
    await sleep(delayMs * 2 ** attempt);
  }
}

/** Reads a file by its kind: an Excel workbook (.xlsx) or CSV. */
export async function readSheet(file: string): Promise<ParsedSheet> {
  const lower = file.toLowerCase();
  if (lower.endsWith(".xls")) throw new SheetError("an .xls workbook: save it as .xlsx or CSV", 1);
  const bytes = await readFile(file);
  return lower.endsWith(".xlsx") ? parseXlsx(bytes) : parseCsv(bytes);
}

/** Checks every row of a CSV text, sends the valid ones, and reports what became of each. */
export const importCsv = (text: string, options: ImportOptions): Promise<ImportReport> =>
  importSheet(parseCsv(text), options);

/** Checks every row, sends the valid ones, and reports what became of each; one bad row stops nothing. */
export async function importSheet(sheet: ParsedSheet, options: ImportOptions): Promise<ImportReport> {
  const { header, rows } = sheet;
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    // `npm run sample:csv > f` without -s puts npm's "> pkg script" banner where the header should be.
    const banner = header[0]?.startsWith("> ") ? " (the file starts with npm's banner: use npm run -s)" : "";
    throw new SheetError(`the header lacks the columns ${missing.join(", ")}${banner}`, 1);
  }

  const failed: RowFailure[] = [];
  const pending: Pending[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const uscc = row.cells.uscc?.trim() || undefined;
    const fail = (problems: CellProblem[]) =>
      failed.push({ line: row.line, ...(uscc ? { uscc } : {}), problems });
    if (row.width !== header.length) {
      fail([{ field: "row", message: `${row.width} fields where the header has ${header.length}` }]);
      continue;
    }
    const result = rowToOrganization(row.cells);
    const unreadable = row.problems ?? [];
    if (unreadable.length > 0 || !result.ok) {
      const others = result.ok
        ? []
        : result.problems.filter((p) => !unreadable.some((u) => u.field === p.field));
      fail([...unreadable, ...others]);
      continue;
    }
    const earlier = firstLineOf.get(result.body.uscc);
    if (earlier !== undefined) {
      fail([{ field: "uscc", message: `the same USCC as line ${earlier}` }]);
      continue;
    }
    firstLineOf.set(result.body.uscc, row.line);
    pending.push({ line: row.line, body: result.body });
  }

  const total = rows.length;
  let done = failed.length;
  let loaded = 0;
  let alreadyPresent = 0;
  options.onProgress?.(done, total);
  const retries = options.retries ?? 2;
  const delayMs = options.retryDelayMs ?? 500;
  const runId = options.runId ?? randomUUID();

  let next = 0;
  const worker = async () => {
    for (let item = pending[next++]; item; item = pending[next++]) {
      const key = idempotencyKeyFor(runId, item.body.uscc);
      const outcome = await postWithRetries(options.post, item.body, key, retries, delayMs);
      if ("error" in outcome) {
        failed.push({
          line: item.line,
          uscc: item.body.uscc,
          problems: [{ field: "request", message: outcome.error }],
        });
      } else if (outcome.status >= 200 && outcome.status < 300) loaded++;
      else if (outcome.status === 409) alreadyPresent++;
      else failed.push({ line: item.line, uscc: item.body.uscc, problems: serverProblems(outcome) });
      options.onProgress?.(++done, total);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, pending.length));
  await Promise.all(Array.from({ length: workers }, worker));

  failed.sort((a, b) => a.line - b.line);
  return { rows: total, loaded, alreadyPresent, failed };
}

export const importSucceeded = (report: ImportReport): boolean => report.failed.length === 0;

/** The report as people read it: the counts, then `line <n>: <field>: <message>` for each problem. */
export function formatReport(report: ImportReport): string {
  const lines = [
    `loaded ${report.loaded}, already present ${report.alreadyPresent}, failed ${report.failed.length} (of ${report.rows} rows)`,
    ...report.failed.flatMap((f) => f.problems.map((p) => `line ${f.line}: ${p.field}: ${p.message}`)),
  ];
  return `${lines.join("\n")}\n`;
}

export interface ProgressPrinter {
  (done: number, total: number): void;
  /** Puts the terminal back as it was, whether or not the run reached its total. */
  stop(): void;
}

/** A cli-progress bar redrawn in place on a terminal; elsewhere (a log, CI) a line at every tenth. */
export function progressPrinter(
  stream: Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean },
): ProgressPrinter {
  if (!stream.isTTY) {
    let lastTenth = -1;
    const lines = (done: number, total: number) => {
      const tenth = Math.floor((total === 0 ? 1 : done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${tenth * 10}% ${done}/${total}\n`);
      }
    };
    return Object.assign(lines, { stop() {} });
  }
  const bar = new SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: "[{bar}] {percentage}% {value}/{total}",
    barCompleteChar: "#",
    barIncompleteChar: ".",
    barsize: 30,
    hideCursor: true,
    gracefulExit: true,
  });
  let started = false;
  const draw = (done: number, total: number) => {
    if (!started) {
      started = true;
      bar.start(total, done);
    } else {
      bar.setTotal(total);
      bar.update(done);
    }
    if (done >= total) bar.stop();
  };
  return Object.assign(draw, { stop: () => bar.stop() });
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** An admin token from the local server; /dev/tokens exists only in local mode. */
async function devAdminToken(url: string): Promise<string> {
  const where = `${url}/dev/tokens`;
  const hint = "it exists only on a local server; against a deployed API pass --token <bearer>";
  let res: Response;
  try {
    res = await fetch(where, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "admin", sub: "csv-import" }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(`cannot reach ${where} (${(error as Error).message}); ${hint}`);
  }
  const body = (await readJson(res)) as { token?: unknown } | undefined;
  if (!res.ok || typeof body?.token !== "string") {
    throw new Error(`no admin token from ${where} (HTTP ${res.status}); ${hint}`);
  }
  return body.token;
}

function httpPost(url: string, token: string): PostOrganization {
  return async (body, idempotencyKey) => {
    const res = await fetch(`${url}/organizations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": idempotencyKey,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: await readJson(res) };
  };
}

const USAGE =
  "usage: npm run import -- <file.csv|file.xlsx> [--url http://localhost:3000] [--token <bearer>]";

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const url = values.url.replace(/\/+$/, "");
  const progress = progressPrinter(process.stderr);
  try {
    const sheet = await readSheet(file);
    const token = values.token ?? (await devAdminToken(url));
    const report = await importSheet(sheet, { post: httpPost(url, token), onProgress: progress });
    process.stdout.write(formatReport(report));
    return importSucceeded(report) ? 0 : 1;
  } catch (error) {
    process.stderr.write(`import failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    progress.stop();
  }
}

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: "string", default: "http://localhost:3000" }, token: { type: "string" } },
  });
}

function isMain(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isMain()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
