/**
 * Loads an export of existing organizations into socorg through POST /organizations.
 *
 *   npm run import -- orgs.csv [--url http://localhost:3000] [--token <bearer>]
 *
 * The file is CSV (RFC 4180, UTF-8, an Excel BOM is fine) with a header naming these columns, in any order:
 *
 *   uscc            统一社会信用代码, 18 characters, category and division agreeing with orgType and jurisdiction
 *   name            full name, e.g. 上海市嘉定区汽车行业协会
 *   orgType         social_group | social_service | foundation, or 社会团体 | 社会服务机构 (民办非企业单位) | 基金会
 *   jurisdiction    6-digit division code of the registration authority, e.g. 310114
 *   registeredOn    YYYY-MM-DD
 *   domicile, businessScope, supervisoryUnit                          optional text
 *   legalRepName, legalRepIdNumber (GB 11643), legalRepPhone (mobile)  optional, all three or none
 *   contactEmail, contactPhone (mobile)                               required: where notices go
 *   gradeLevel (1A–5A), gradeValidUntil (YYYY-MM-DD)                  optional, both or neither
 *   termStart, termEnd (YYYY-MM-DD)                                   optional, both or neither
 *
 * An empty cell is an absent value. Each row is checked here first and only valid rows are sent, eight at a
 * time, each with an Idempotency-Key derived from its USCC (and the run) so a retried request creates nothing
 * twice; an organization that exists already (409) counts as present, so running a file again is safe.
 * Without --token the tool asks the local server's POST /dev/tokens for an admin token.
 * The report goes to stdout; exit code 0 when every row was loaded or was already present, 1 otherwise.
 */
import { randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { importOrganizationSchema } from "../../functions/api/schemas.js";
import { compareDates, isValidIsoDate } from "../../shared/domain/calendar/index.js";
import { validateResidentId, validateUscc } from "../../shared/domain/identifiers/index.js";
import type { OrgType } from "../../shared/domain/registration/index.js";
import { isKnownDivision } from "../../shared/settings/index.js";
import { usccProblems } from "../../shared/usecases/organizations.js";
import { CsvError, parseCsv } from "./csv.js";

export const ORGANIZATION_CSV_COLUMNS = [
  "uscc",
  "name",
  "orgType",
  "jurisdiction",
  "registeredOn",
  "domicile",
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

const MOBILE = /^(\+86)?1[3-9]\d{9}$/;
const DIVISION = /^\d{6}$/;
const GRADES = ["1A", "2A", "3A", "4A", "5A"] as const;
type GradeLevel = (typeof GRADES)[number];
const emailSchema = z.email();

type Check = (value: string) => string | undefined;

const maxLength =
  (n: number): Check =>
  (v) =>
    v.length > n ? `at most ${n} characters` : undefined;
const isoDate: Check = (v) => (isValidIsoDate(v) ? undefined : `not a date YYYY-MM-DD: ${v}`);
const mobile: Check = (v) => (MOBILE.test(v) ? undefined : `not a mainland mobile number: ${v}`);

/** One CSV row as the body of POST /organizations, or every problem the row has, by column. */
export function rowToOrganization(cells: Readonly<Record<string, string | undefined>>): RowResult {
  const problems: CellProblem[] = [];
  const raw = (column: OrganizationCsvColumn) => (cells[column] ?? "").trim();
  // Exports often write phone numbers in groups ("138 0013 8000").
  const phone = (column: OrganizationCsvColumn) => raw(column).replace(/[\s-]/g, "");
  const value = (column: OrganizationCsvColumn, text: string, check?: Check) => {
    if (text === "") return undefined;
    const problem = check?.(text);
    if (problem === undefined) return text;
    problems.push({ field: column, message: problem });
    return undefined;
  };
  const optional = (column: OrganizationCsvColumn, check?: Check) => value(column, raw(column), check);
  const required = (column: OrganizationCsvColumn, text: string, check?: Check) => {
    if (text === "") problems.push({ field: column, message: "required" });
    return value(column, text, check);
  };
  // A partial group would lose data silently, so each missing member of it is a problem.
  const together = (columns: readonly OrganizationCsvColumn[]) => {
    const given = columns.filter((c) => raw(c) !== "");
    if (given.length === 0 || given.length === columns.length) return;
    for (const c of columns.filter((c) => raw(c) === "")) {
      problems.push({ field: c, message: `required together with ${given.join(", ")}` });
    }
  };

  const uscc = required("uscc", raw("uscc"), (v) => {
    const checked = validateUscc(v);
    return checked.ok ? undefined : checked.message;
  });
  const name = required("name", raw("name"), maxLength(100));
  const orgTypeCell = raw("orgType");
  const orgType = ORG_TYPE_NAMES[orgTypeCell];
  if (orgTypeCell === "") problems.push({ field: "orgType", message: "required" });
  else if (!orgType) {
    problems.push({
      field: "orgType",
      message: `unknown organization type ${JSON.stringify(orgTypeCell)}: one of ${Object.keys(ORG_TYPE_NAMES).join(", ")}`,
    });
  }
  const jurisdiction = required("jurisdiction", raw("jurisdiction"), (v) =>
    !DIVISION.test(v)
      ? `not a 6-digit division code: ${v}`
      : isKnownDivision(v)
        ? undefined
        : `unknown division code (GB/T 2260): ${v}`,
  );
  const registeredOn = required("registeredOn", raw("registeredOn"), isoDate);
  const domicile = optional("domicile", maxLength(200));
  const businessScope = optional("businessScope", maxLength(2000));
  const supervisoryUnit = optional("supervisoryUnit", maxLength(100));

  together(["legalRepName", "legalRepIdNumber", "legalRepPhone"]);
  const legalRepName = optional("legalRepName");
  const legalRepIdNumber = optional("legalRepIdNumber", (v) => {
    const checked = validateResidentId(v);
    return checked.ok ? undefined : checked.message;
  });
  const legalRepPhone = value("legalRepPhone", phone("legalRepPhone"), mobile);

  const contactEmail = required("contactEmail", raw("contactEmail"), (v) =>
    emailSchema.safeParse(v).success ? undefined : `not an email address: ${v}`,
  );
  const contactPhone = required("contactPhone", phone("contactPhone"), mobile);

  together(["gradeLevel", "gradeValidUntil"]);
  // "4a" and "4A级" are how people type a grade.
  const gradeLevel = value("gradeLevel", raw("gradeLevel").toUpperCase().replace(/级$/, ""), (v) =>
    (GRADES as readonly string[]).includes(v) ? undefined : `not a grade (1A–5A): ${raw("gradeLevel")}`,
  ) as GradeLevel | undefined;
  const gradeValidUntil = optional("gradeValidUntil", isoDate);

  together(["termStart", "termEnd"]);
  const termStart = optional("termStart", isoDate);
  const termEnd = optional("termEnd", isoDate);
  if (termStart && termEnd && compareDates(termEnd, termStart) < 0) {
    problems.push({ field: "termEnd", message: `before termStart ${termStart}` });
  }

  if (uscc && orgType && jurisdiction) {
    for (const p of usccProblems(uscc, orgType, jurisdiction)) {
      problems.push({ field: p.field, message: p.message });
    }
  }
  const complete = uscc && name && orgType && jurisdiction && registeredOn && contactEmail && contactPhone;
  if (problems.length > 0 || !complete) return { ok: false, problems };
  return {
    ok: true,
    body: {
      uscc,
      name,
      orgType,
      jurisdiction,
      registeredOn,
      ...(domicile ? { domicile } : {}),
      ...(businessScope ? { businessScope } : {}),
      ...(legalRepName && legalRepIdNumber && legalRepPhone
        ? { legalRepresentative: { name: legalRepName, idNumber: legalRepIdNumber, phone: legalRepPhone } }
        : {}),
      contact: { email: contactEmail, phone: contactPhone },
      ...(supervisoryUnit ? { supervisoryUnit } : {}),
      ...(gradeLevel && gradeValidUntil ? { grade: { level: gradeLevel, validUntil: gradeValidUntil } } : {}),
      ...(termStart && termEnd ? { term: { start: termStart, end: termEnd } } : {}),
    },
  };
}

// The server names fields by their path in the JSON body; the report names the CSV column.
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

/** Checks every row, sends the valid ones, and reports what became of each; one bad row stops nothing. */
export async function importCsv(text: string, options: ImportOptions): Promise<ImportReport> {
  const { header, rows } = parseCsv(text);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    // `npm run sample:csv > f` without -s puts npm's "> pkg script" banner where the header should be.
    const banner = header[0]?.startsWith("> ") ? " (the file starts with npm's banner: use npm run -s)" : "";
    throw new CsvError(`the header lacks the columns ${missing.join(", ")}${banner}`, 1);
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
    if (!result.ok) {
      fail(result.problems);
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

/** A bar redrawn in place on a terminal; elsewhere (a log, CI) a line at every tenth. */
export function progressPrinter(
  stream: Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean },
): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(
        `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(share * 100)}% ${done}/${total}`,
      );
      if (done === total) stream.write("\n");
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      stream.write(`${tenth * 10}% ${done}/${total}\n`);
    }
  };
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

const USAGE = "usage: npm run import -- <file.csv> [--url http://localhost:3000] [--token <bearer>]";

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
  try {
    const text = await readFile(file, "utf8");
    const token = values.token ?? (await devAdminToken(url));
    const report = await importCsv(text, {
      post: httpPost(url, token),
      onProgress: progressPrinter(process.stderr),
    });
    process.stdout.write(formatReport(report));
    return importSucceeded(report) ? 0 : 1;
  } catch (error) {
    process.stderr.write(`import failed: ${(error as Error).message}\n`);
    return 1;
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
