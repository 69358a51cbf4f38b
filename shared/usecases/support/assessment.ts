import {
  DEFAULT_INDICATOR_SYSTEMS,
  type Indicator,
  type IndicatorSystem,
  indicatorSystemFor,
} from "../../domain/assessment/index.js";
import type { CaseRecord } from "../../domain/cases/records.js";
import type { Grade } from "../../domain/organizations/records.js";
import type { OrgType } from "../../domain/registration/index.js";
import type { WriteOp } from "../../ports/store.js";
import { parentDivisions, settingsFor } from "../../settings/index.js";

export interface PanelScoring {
  scores: Record<string, number>;
  bonus: number;
  total: number;
  scoredBy: string;
  at: string;
}

/** What an assessment case carries: the application, the tree it is scored on, and each stage's result. */
export interface AssessmentApplication {
  uscc: string;
  name: string;
  orgType: OrgType;
  contact: { email: string; phone: string };
  year: number;
  /** The tree in force when the application was made, kept whole so a later version never changes this case. */
  indicatorVersion: string;
  indicators: Indicator[];
  selfAssessment: { scores: Record<string, number>; summary: string; total: number };
  materials: { kind: string; ref: string }[];
  scorings: PanelScoring[];
  proposal?: { total: number; grade: Grade | null };
  objections: { at: string; reason: string; by: string }[];
  review?: { outcome: "uphold" | "change"; grade?: Grade; reason: string; by: string };
}

export type AssessmentCase = CaseRecord<AssessmentApplication>;

export const isAssessment = (record: CaseRecord): record is AssessmentCase => record.kind === "assessment";

/** The jurisdiction's tree for a type and year: its own or a parent bureau's, else the national default. */
export function indicatorSystemInForce(
  jurisdiction: string,
  orgType: OrgType,
  year: number,
): IndicatorSystem {
  const own = settingsFor(jurisdiction).assessment.indicatorSystems;
  const system = indicatorSystemFor([...own, ...DEFAULT_INDICATOR_SYSTEMS], {
    orgType,
    year,
    jurisdictions: [jurisdiction, ...parentDivisions(jurisdiction)],
  });
  if (!system) throw new Error(`no indicator system for ${orgType} in ${year}`);
  return system;
}

/** One assessment open at a time: the application takes the organization's marker, its closing gives it back. */
export const claimOpenAssessment = (uscc: string, caseId: string): WriteOp => ({
  op: "markAssessment",
  uscc,
  caseId,
  status: "open",
});

export const releaseOpenAssessment = (uscc: string, caseId: string): WriteOp => ({
  op: "markAssessment",
  uscc,
  caseId,
  status: "closed",
});

/** The grade a case ends with: the re-review's where it changed it, else the committee's. */
export function finalGrade(app: AssessmentApplication): Grade | null {
  if (app.review?.outcome === "change" && app.review.grade) return app.review.grade;
  return app.proposal?.grade ?? null;
}

export const caseLink = (jurisdiction: string, caseId: string) =>
  `${settingsFor(jurisdiction).reminders.portalUrl.replace(/\/$/, "")}/cases/${caseId}`;

export const organizationLink = (jurisdiction: string, uscc: string) =>
  `${settingsFor(jurisdiction).reminders.portalUrl.replace(/\/$/, "")}/organizations/${uscc}`;
