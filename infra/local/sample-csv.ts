/**
 * A realistic, deterministic export of existing organizations in the CSV or .xlsx format import-csv.ts reads
 * (columns: ORGANIZATION_CSV_COLUMNS; orgType as a code or a Chinese name; empty cells are absent values).
 * Its word lists are in sample-data.ts.
 *
 *   npm run -s sample:csv -- 1000 [--jurisdiction 310114] [--seed 1] [--bad 0] > orgs.csv
 *   npm run sample:csv -- 1000 --out orgs.csv       (or --out orgs.xlsx for an Excel workbook)
 *
 * (-s because npm prints its "> socorg sample:csv" banner on stdout, which would land in the file.)
 * The same options give the same bytes. Emails use the reserved example.* domains so no notice reaches anyone.
 */
import { realpathSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  addDays,
  addYears,
  daysBetween,
  type IsoDate,
  isValidIsoDate,
} from "../../shared/domain/calendar/index.js";
import {
  categoryOfOrganizationType,
  issueUscc,
  residentIdCheck,
  USCC_ALPHABET,
} from "../../shared/domain/identifiers/index.js";
import { areaNames, divisionName } from "../../shared/settings/index.js";
import { toCsv } from "./csv.js";
import { ORGANIZATION_CSV_COLUMNS, type OrganizationCsvColumn } from "./import-csv.js";
import {
  GIVEN,
  ID_DIVISIONS,
  KIND_WEIGHTS,
  KINDS,
  type Kind,
  MOBILE_PREFIXES,
  ROADS,
  SURNAMES,
  TOWNS,
  TRADE_NAMES,
} from "./sample-data.js";
import { toXlsx, type XlsxCell } from "./xlsx.js";

export interface SampleOptions {
  count: number;
  jurisdiction?: string;
  seed?: number;
  /** Rows with one defect each, spread evenly through the file. */
  badRows?: number;
  /** The day the export is taken: grades and terms are current on it. */
  asOf?: IsoDate;
}

export type SampleDefect =
  | "uscc_check_digit"
  | "unknown_org_type"
  | "malformed_date"
  | "bad_id_number"
  | "bad_email";

/** Each defect and the column the importer must name for it. */
export const DEFECT_FIELDS: Readonly<Record<SampleDefect, OrganizationCsvColumn>> = {
  uscc_check_digit: "uscc",
  unknown_org_type: "orgType",
  malformed_date: "registeredOn",
  bad_id_number: "legalRepIdNumber",
  bad_email: "contactEmail",
};

const DEFECTS = Object.keys(DEFECT_FIELDS) as SampleDefect[];

export interface SampleOrganizations {
  header: OrganizationCsvColumn[];
  rows: string[][];
  /** Defective rows by index into rows. */
  defects: { row: number; defect: SampleDefect; field: OrganizationCsvColumn }[];
}

type Random = () => number;

/** mulberry32: a small seeded PRNG, so a seed always gives the same file. */
function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("pick from an empty list");
  return item;
}

const dateBetween = (random: Random, from: IsoDate, to: IsoDate): IsoDate =>
  addDays(from, int(random, 0, daysBetween(from, to)));

function residentId(random: Random): string {
  const birth = dateBetween(random, "1950-01-01", "1990-12-31").replaceAll("-", "");
  const first17 = `${pick(random, ID_DIVISIONS)}${birth}${String(int(random, 1, 999)).padStart(3, "0")}`;
  return first17 + residentIdCheck(first17);
}

const mobile = (random: Random) =>
  `${pick(random, MOBILE_PREFIXES)}${String(int(random, 0, 99_999_999)).padStart(8, "0")}`;

/** How names state the area: 上海市嘉定区 under a municipality, otherwise the county-level name (张家港市). */
function areaPrefix(jurisdiction: string): string {
  const [own, ...parents] = areaNames(jurisdiction);
  if (own === undefined) throw new RangeError(`unknown division code: ${jurisdiction}`);
  const municipality = parents.find((p) => ["北京市", "天津市", "上海市", "重庆市"].includes(p));
  return municipality && municipality !== own ? `${municipality}${own}` : own;
}

function weightedKind(random: Random): Kind {
  const total = KIND_WEIGHTS.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (const [i, w] of KIND_WEIGHTS.entries()) {
    r -= w;
    if (r < 0) return KINDS[i] as Kind;
  }
  return KINDS[KINDS.length - 1] as Kind;
}

const latest = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

function wrongCheckCharacter(uscc: string): string {
  const right = uscc.charAt(17);
  const wrong = USCC_ALPHABET.charAt((USCC_ALPHABET.indexOf(right) + 1) % USCC_ALPHABET.length);
  return uscc.slice(0, 17) + wrong;
}

/** The sample as a header, rows of cells and the defects planted in them. */
export function sampleOrganizations(options: SampleOptions): SampleOrganizations {
  const { count, jurisdiction = "310114", seed = 1, badRows = 0, asOf = "2025-01-01" } = options;
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new RangeError(`count must be a whole number from 0 to 1000000: ${count}`);
  }
  if (!Number.isInteger(badRows) || badRows < 0 || badRows > count) {
    throw new RangeError(`badRows must be a whole number from 0 to count (${count}): ${badRows}`);
  }
  if (!divisionName(jurisdiction)) throw new RangeError(`unknown division code: ${jurisdiction}`);
  const random = prng(seed);
  const area = areaPrefix(jurisdiction);
  const towns = TOWNS[jurisdiction] ?? [];
  // Organization codes walk a stride coprime to 10^6 from a seeded start, so they never repeat.
  const codeStart = int(random, 0, 999_999);
  const names = new Set<string>();

  const defectAt = new Map<number, SampleDefect>();
  for (let k = 0; k < badRows; k++) {
    defectAt.set(Math.floor(((k + 0.5) * count) / badRows), DEFECTS[k % DEFECTS.length] as SampleDefect);
  }

  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const defect = defectAt.get(i);
    // A name taken already is drawn again, kind and all, as a register holds each name once.
    let kind = weightedKind(random);
    let field = "";
    let name = "";
    for (let attempt = 0; attempt < 50 && (name === "" || names.has(name)); attempt++) {
      // The kind changes only once its own names run short, so the mix of types holds.
      if (attempt >= 10) kind = weightedKind(random);
      field = pick(random, Object.keys(kind.fields));
      const town = towns.length > 0 && random() < (attempt === 0 ? 0.4 : 0.9) ? pick(random, towns) : "";
      const trade = kind.tradeName && random() < 0.7 ? pick(random, TRADE_NAMES) : "";
      name = `${area}${town}${trade}${field}${kind.word}`;
    }
    // Past what the word lists can vary (tens of thousands of rows), a number keeps names unique.
    if (names.has(name)) name = `${area}${field}${kind.word}（${i + 1}）`;
    const scope = kind.fields[field] ?? "";
    names.add(name);

    const body = `MJ${String((codeStart + i * 7919) % 1_000_000).padStart(6, "0")}`;
    let uscc = issueUscc({
      category: categoryOfOrganizationType(kind.orgType),
      division: jurisdiction,
      organizationCodeBody: body,
    });
    if (defect === "uscc_check_digit") uscc = wrongCheckCharacter(uscc);

    const orgTypeCell =
      defect === "unknown_org_type"
        ? pick(random, ["社会组织", "association", "民办学校"])
        : random() < 0.5
          ? kind.orgType
          : pick(
              random,
              {
                social_group: ["社会团体"],
                social_service: ["社会服务机构", "民办非企业单位"],
                foundation: ["基金会"],
              }[kind.orgType],
            );

    const registeredOn = dateBetween(random, "2005-01-01", "2024-12-31");
    const registeredCell =
      defect === "malformed_date"
        ? pick(random, [
            registeredOn.replaceAll("-", "/"),
            `${registeredOn.slice(0, 8)}32`,
            registeredOn.replaceAll("-", ""),
          ])
        : registeredOn;

    const domicile = `${area}${towns.length > 0 ? pick(random, towns) : ""}${pick(random, ROADS)}${int(random, 1, 2999)}号`;
    // Some exports keep the line breaks and commas people typed into the scope.
    const businessScope =
      random() < 0.1
        ? `一、${scope}；\n二、${kind.extraScope}`
        : random() < 0.1
          ? `${scope}, ${kind.extraScope}`
          : scope;

    const hasLegalRep = defect === "bad_id_number" || random() < 0.95;
    let idNumber = hasLegalRep ? residentId(random) : "";
    if (defect === "bad_id_number") {
      idNumber = idNumber.slice(0, 17) + (idNumber.endsWith("0") ? "1" : "0");
    }
    const legalRep = hasLegalRep
      ? [`${pick(random, SURNAMES)}${pick(random, GIVEN)}`, idNumber, mobile(random)]
      : ["", "", ""];

    const mailbox = `org${String(i + 1).padStart(5, "0")}`;
    const domain = pick(random, ["example.org", "example.com", "example.net"]);
    const email = defect === "bad_email" ? `${mailbox}.${domain}` : `${mailbox}@${domain}`;

    const supervisor = kind.supervisors?.[field] ?? kind.defaultSupervisor;
    const supervisoryUnit = supervisor && random() < 0.9 ? `${area}${supervisor}` : "";

    let grade = ["", ""];
    // Assessment (等级评估) is open two years after registration, and a grade holds for five years.
    const firstAward = latest(addDays(addYears(asOf, -5), 1), addYears(registeredOn, 2));
    if (random() < 0.35 && firstAward <= asOf) {
      const awarded = dateBetween(random, firstAward, asOf);
      grade = [pick(random, ["1A", "2A", "3A", "3A", "4A", "4A", "5A"]), addDays(addYears(awarded, 5), -1)];
    }

    let term = ["", ""];
    if (random() < 0.9) {
      const earliest = latest(registeredOn, addDays(addYears(asOf, -5), 1));
      const start = earliest < asOf ? dateBetween(random, earliest, asOf) : earliest;
      term = [start, addDays(addYears(start, 5), -1)];
    }

    const cells: Record<OrganizationCsvColumn, string> = {
      uscc,
      name,
      orgType: orgTypeCell,
      jurisdiction,
      registeredOn: registeredCell,
      domicile,
      streetCode: "",
      businessScope,
      legalRepName: legalRep[0] ?? "",
      legalRepIdNumber: legalRep[1] ?? "",
      legalRepPhone: legalRep[2] ?? "",
      contactEmail: email,
      contactPhone: mobile(random),
      supervisoryUnit,
      gradeLevel: grade[0] ?? "",
      gradeValidUntil: grade[1] ?? "",
      termStart: term[0] ?? "",
      termEnd: term[1] ?? "",
    };
    rows.push(ORGANIZATION_CSV_COLUMNS.map((c) => cells[c]));
  }

  return {
    header: [...ORGANIZATION_CSV_COLUMNS],
    rows,
    defects: [...defectAt].map(([row, defect]) => ({ row, defect, field: DEFECT_FIELDS[defect] })),
  };
}

export function sampleOrganizationsCsv(options: SampleOptions): string {
  const { header, rows } = sampleOrganizations(options);
  return toCsv(header, rows);
}

const DATE_COLUMNS = new Set<string>(["registeredOn", "gradeValidUntil", "termStart", "termEnd"]);
const PHONE_COLUMNS = new Set<string>(["legalRepPhone", "contactPhone"]);

/**
 * The same sample as an Excel workbook, typed as registers are: dates as date cells and mobiles as numbers
 * (a cell that is not a valid date or number, such as a planted defect, stays text).
 */
export function sampleOrganizationsXlsx(options: SampleOptions): Promise<Buffer> {
  const { header, rows } = sampleOrganizations(options);
  const typed = rows.map((cells) =>
    cells.map((cell, k): XlsxCell => {
      const column = header[k] ?? "";
      if (DATE_COLUMNS.has(column) && isValidIsoDate(cell)) return new Date(`${cell}T00:00:00Z`);
      if (PHONE_COLUMNS.has(column) && /^1\d{10}$/.test(cell)) return Number(cell);
      return cell;
    }),
  );
  return toXlsx(header, typed, "社会组织");
}

const USAGE =
  "usage: npm run -s sample:csv -- <count> [--jurisdiction 310114] [--seed 1] [--bad 0] [--out orgs.csv|orgs.xlsx] > orgs.csv";

async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        jurisdiction: { type: "string", default: "310114" },
        seed: { type: "string", default: "1" },
        bad: { type: "string", default: "0" },
        out: { type: "string" },
      },
    });
    if (positionals.length !== 1) throw new Error("give the number of rows");
    const options: SampleOptions = {
      count: Number(positionals[0]),
      jurisdiction: values.jurisdiction,
      seed: Number(values.seed),
      badRows: Number(values.bad),
    };
    if (values.out?.toLowerCase().endsWith(".xlsx"))
      writeFileSync(values.out, await sampleOrganizationsXlsx(options));
    else if (values.out) writeFileSync(values.out, sampleOrganizationsCsv(options));
    else process.stdout.write(sampleOrganizationsCsv(options));
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
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
