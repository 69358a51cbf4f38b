import type { JurisdictionSettings } from "../../settings/index.js";
import type { FieldProblem } from "../errors.js";
import { KIND_WORDS, nameAreas, nameViolations, type OrgType, type RegistrationContext } from "./rules.js";

export type NameCheckSettings = JurisdictionSettings["nameCheck"];

/** A name the jurisdiction already has: an organization on the register, or an application still pending. */
export interface NameOnRegister {
  name: string;
  holder: "registered" | "pending";
  uscc?: string;
  caseId?: string;
}

export interface NameConflict extends NameOnRegister {
  match: "same" | "similar";
}

export interface NameCheckResult {
  available: boolean;
  problems: FieldProblem[];
  conflicts: NameConflict[];
}

// Characters that tell no two names apart: spacing, brackets and joining words.
const FILLER = /[\s()（）[\]【】「」《》<>·・、，,.。\-—_和与及暨的]/g;

/** The form two names are compared in: full-width folded to half-width (NFKC), spacing and brackets dropped. */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/** The part of a name that tells it apart (字号与行业): without its area words, its kind word and filler. */
export function distinctivePart(
  name: string,
  orgType: OrgType | undefined,
  areas: readonly string[],
): string {
  let rest = normalizeName(name);
  const longestFirst = [...areas].sort((a, b) => b.length - a.length);
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const area of longestFirst) {
      if (area !== "" && rest.startsWith(area)) {
        rest = rest.slice(area.length);
        stripped = true;
      }
    }
  }
  const kinds = (orgType ? KIND_WORDS[orgType] : Object.values(KIND_WORDS).flat()).toSorted(
    (a, b) => b.length - a.length,
  );
  const kind = kinds.find((word) => rest.endsWith(word) && rest.length > word.length);
  if (kind) rest = rest.slice(0, -kind.length);
  return rest.replace(FILLER, "");
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** 相同或者相似的名称: the same name, or distinctive parts equal or within the jurisdiction's few edits. */
export function nameMatch(
  name: string,
  other: string,
  areas: readonly string[],
  settings: NameCheckSettings,
): NameConflict["match"] | undefined {
  if (normalizeName(name) === normalizeName(other)) return "same";
  const a = distinctivePart(name, undefined, areas);
  const b = distinctivePart(other, undefined, areas);
  if (a === b) return "similar";
  const shorter = Math.min([...a].length, [...b].length);
  if (shorter >= settings.similarMinLength && editDistance(a, b) <= settings.similarEdits) return "similar";
  return undefined;
}

function forbiddenWordViolations(
  name: string,
  settings: NameCheckSettings,
  context: RegistrationContext,
): FieldProblem[] {
  const violations: FieldProblem[] = [];
  const normalized = normalizeName(name);
  const forbidden = settings.forbiddenWords.filter((word) => normalized.includes(word));
  if (forbidden.length > 0) {
    violations.push({
      field: "name",
      code: "name_forbidden_word",
      message: `The name may not contain ${forbidden.join(", ")}`,
    });
  }
  if (context.level !== "national") {
    const national = settings.nationalOnlyWords.filter((word) => normalized.includes(word));
    if (national.length > 0) {
      violations.push({
        field: "name",
        code: "name_national_word",
        message: `Only a national organization's name may contain ${national.join(", ")}`,
      });
    }
  }
  return violations;
}

/**
 * 名称核准: the name's form (area, field and kind, as registration checks it), its forbidden words, and the
 * names of the jurisdiction it is the same as or too close to, among registered organizations and pending
 * applications. `exclude` leaves out the applicant's own holding (its own case, or its current name).
 */
export function checkName(
  input: { orgType: OrgType; name: string },
  settings: NameCheckSettings,
  context: RegistrationContext,
  register: readonly NameOnRegister[],
  exclude: { caseId?: string; uscc?: string } = {},
): NameCheckResult {
  const problems = [
    ...nameViolations(input, context),
    ...forbiddenWordViolations(input.name, settings, context),
  ];
  const areas = nameAreas(context);
  const conflicts = register.flatMap((held): NameConflict[] => {
    if (exclude.caseId !== undefined && held.caseId === exclude.caseId) return [];
    if (exclude.uscc !== undefined && held.uscc === exclude.uscc) return [];
    const match = nameMatch(input.name, held.name, areas, settings);
    return match ? [{ ...held, match }] : [];
  });
  if (conflicts.length > 0) {
    const same = conflicts.some((c) => c.match === "same");
    problems.push({
      field: "name",
      code: same ? "name_taken" : "name_too_similar",
      message: `${same ? "The jurisdiction already has this name" : "The name is too close to"}: ${conflicts
        .map((c) => `${c.name} (${c.holder})`)
        .join(", ")}`,
    });
  }
  return { available: problems.length === 0, problems, conflicts };
}
