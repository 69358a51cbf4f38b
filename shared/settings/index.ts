import { z } from "zod";
import { nationalDefaults } from "./defaults.js";
import { divisionLevel, isKnownDivision, parentDivisions } from "./divisions/index.js";
import {
  type JurisdictionLevel,
  type JurisdictionSettings,
  jurisdictionSettingsSchema,
  type SettingsOverrides,
  settingsOverridesSchema,
} from "./schema.js";

export { type AssessmentSettings, assessmentSettingsSchema } from "./assessment.js";
export { nationalDefaults } from "./defaults.js";
export {
  areaNames,
  type DivisionLevel,
  divisionLevel,
  divisionName,
  isKnownDivision,
  parentDivisions,
} from "./divisions/index.js";
export * from "./schema.js";

// Unset until configured; the first settingsFor without configuration reads SETTINGS_JSON.
let overrides: SettingsOverrides | undefined;

function validated(raw: unknown, source: string): SettingsOverrides {
  const result = settingsOverridesSchema.safeParse(raw);
  if (!result.success) throw new Error(`Invalid settings in ${source}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** Replaces all overrides, keyed by division code; throws naming the path of the first bad field. */
export function configureSettings(next: SettingsOverrides): void {
  overrides = validated(next, "configureSettings");
}

/** Settings as JSON text (a file, an environment variable, a deployed parameter), validated; `source` names it in errors. */
export function parseSettingsText(text: string, source: string): SettingsOverrides {
  if (!text.trim()) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  return validated(raw, source);
}

/** Replaces all overrides with those of a JSON text; a bad one throws and leaves the current ones. */
export function loadSettingsText(text: string, source: string): void {
  overrides = parseSettingsText(text, source);
}

/** Reads `SETTINGS_JSON` (the same shape as configureSettings takes); unset means national defaults. */
export function loadSettingsFromEnv(env: Record<string, string | undefined> = process.env): void {
  loadSettingsText(env.SETTINGS_JSON ?? "", "SETTINGS_JSON");
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Objects merge key by key; arrays and values replace what is below them.
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

const LEVEL_OF_DIVISION: Record<string, JurisdictionLevel> = {
  province: "provincial",
  city: "city",
  county: "county",
};

/** National defaults ← province ← city ← county overrides; `level` is the code's or its own override's, never a parent's. */
export function settingsFor(jurisdiction: string): JurisdictionSettings {
  const level = LEVEL_OF_DIVISION[divisionLevel(jurisdiction) ?? ""];
  if (!isKnownDivision(jurisdiction) || level === undefined) {
    throw new Error(`Unknown jurisdiction ${JSON.stringify(jurisdiction)}: not a GB/T 2260 division code`);
  }
  if (overrides === undefined) loadSettingsFromEnv();
  const all = overrides ?? {};
  const chain = [...parentDivisions(jurisdiction).reverse(), jurisdiction];
  let merged: unknown = nationalDefaults;
  for (const code of chain) merged = deepMerge(merged, all[code]);
  merged = { ...(merged as object), level: all[jurisdiction]?.level ?? level };
  const result = jurisdictionSettingsSchema.safeParse(merged);
  if (!result.success) {
    throw new Error(`Invalid settings for ${jurisdiction}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
