import type { OrgType } from "../registration/index.js";

/** One indicator of an assessment system (评估指标); a leaf is what an expert panel scores. */
export interface Indicator {
  id: string;
  name: string;
  max: number;
  children?: Indicator[];
}

/** A 1,000-point indicator system (评估指标体系) for one type, from one year on, of one jurisdiction or nationally. */
export interface IndicatorSystem {
  version: string;
  /** Division code of the bureau that issued it; "000000" for the national default. */
  jurisdiction: string;
  orgType: OrgType;
  /** The first year it applies to; it applies until a later version of the same jurisdiction and type. */
  fromYear: number;
  maxScore: number;
  indicators: Indicator[];
}

export const NATIONAL = "000000";

export interface ScoreProblem {
  field: string;
  code: "unknown_indicator" | "above_maximum" | "not_a_score" | "missing_score";
  message: string;
}

/** Every leaf, depth first, in the order the tree lists them. */
export function leaves(indicators: readonly Indicator[]): Indicator[] {
  return indicators.flatMap((i) => (i.children?.length ? leaves(i.children) : [i]));
}

/** Problems with the tree itself: ids unique, each parent worth what its children add up to, the top worth `maxScore`. */
export function indicatorSystemProblems(system: Pick<IndicatorSystem, "maxScore" | "indicators">): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (nodes: readonly Indicator[], path: string): number => {
    let sum = 0;
    for (const node of nodes) {
      if (seen.has(node.id)) problems.push(`indicator id ${node.id} appears twice`);
      seen.add(node.id);
      if (!(Number.isInteger(node.max) && node.max > 0))
        problems.push(`${node.id}: max must be a positive integer`);
      if (node.children?.length) {
        const children = walk(node.children, `${path}${node.id}.`);
        if (children !== node.max) {
          problems.push(
            `${node.id} (${node.name}) is worth ${node.max} but its indicators add up to ${children}`,
          );
        }
      }
      sum += node.max;
    }
    return sum;
  };
  const total = walk(system.indicators, "");
  if (total !== system.maxScore) problems.push(`the indicators add up to ${total}, not ${system.maxScore}`);
  return problems;
}

/**
 * Scores for the leaves of a tree: each a number from 0 to its leaf's maximum, for a leaf that exists.
 * `complete` also asks for every leaf (an expert panel scores them all; a self-assessment may leave some).
 */
export function scoreProblems(
  indicators: readonly Indicator[],
  scores: Readonly<Record<string, number>>,
  opts: { complete: boolean; field?: string },
): ScoreProblem[] {
  const field = opts.field ?? "scores";
  const byId = new Map(leaves(indicators).map((leaf) => [leaf.id, leaf]));
  const problems: ScoreProblem[] = [];
  for (const [id, score] of Object.entries(scores)) {
    const leaf = byId.get(id);
    if (!leaf) {
      problems.push({
        field: `${field}.${id}`,
        code: "unknown_indicator",
        message: `${id} is not a leaf indicator`,
      });
    } else if (typeof score !== "number" || !Number.isFinite(score) || score < 0) {
      problems.push({
        field: `${field}.${id}`,
        code: "not_a_score",
        message: `${leaf.name}: a score is a number from 0`,
      });
    } else if (score > leaf.max) {
      problems.push({
        field: `${field}.${id}`,
        code: "above_maximum",
        message: `${leaf.name} (${id}) is worth at most ${leaf.max}, not ${score}`,
      });
    }
  }
  if (opts.complete) {
    for (const leaf of byId.values()) {
      if (!Object.hasOwn(scores, leaf.id)) {
        problems.push({
          field: `${field}.${leaf.id}`,
          code: "missing_score",
          message: `${leaf.name} has no score`,
        });
      }
    }
  }
  return problems;
}

export interface ScoredIndicator {
  id: string;
  name: string;
  max: number;
  score: number;
  children?: ScoredIndicator[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Each node's score: a leaf's own, held within 0 and its maximum; a parent's, the sum of its indicators. */
export function aggregateScores(
  indicators: readonly Indicator[],
  scores: Readonly<Record<string, number>>,
): { total: number; indicators: ScoredIndicator[] } {
  const score = (node: Indicator): ScoredIndicator => {
    if (!node.children?.length) {
      const raw = scores[node.id];
      const own = typeof raw === "number" && Number.isFinite(raw) ? Math.min(Math.max(raw, 0), node.max) : 0;
      return { id: node.id, name: node.name, max: node.max, score: round(own) };
    }
    const children = node.children.map(score);
    return {
      id: node.id,
      name: node.name,
      max: node.max,
      score: round(children.reduce((sum, c) => sum + c.score, 0)),
      children,
    };
  };
  const scored = indicators.map(score);
  return { total: round(scored.reduce((sum, c) => sum + c.score, 0)), indicators: scored };
}

/** The system in force for a type and year: the latest of the jurisdiction's own (or its parents'), else the national one. */
export function indicatorSystemFor(
  systems: readonly IndicatorSystem[],
  opts: { orgType: OrgType; year: number; jurisdictions: readonly string[] },
): IndicatorSystem | undefined {
  // Nearest issuer first: the county's own, then its city's, its province's, the national default.
  for (const jurisdiction of [...opts.jurisdictions, NATIONAL]) {
    const candidates = systems
      .filter((s) => s.jurisdiction === jurisdiction && s.orgType === opts.orgType && s.fromYear <= opts.year)
      .sort((a, b) => b.fromYear - a.fromYear);
    if (candidates[0]) return candidates[0];
  }
  return undefined;
}
