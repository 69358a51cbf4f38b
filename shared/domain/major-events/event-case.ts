import type { CaseStatus } from "../cases/records.js";
import type { Leader } from "../leadership/index.js";
import type { FiledBy } from "../organizations/records.js";
import type { RecordChanges } from "../registration/index.js";
import type { MajorEventRule, MajorEventType, ReportTiming } from "./windows.js";

/** What a congress election (换届选举) decided: the leaders of the new term and, if it changes, the legal representative. */
export interface ElectionOutcome {
  leaders: Leader[];
  legalRepresentative?: NonNullable<RecordChanges["legalRepresentative"]>;
  /** The charter's term in years, when it is not the jurisdiction's default. */
  termYears?: number;
}

/** 重大事项报告 as the organization files it. */
export interface MajorEventReport {
  eventType: MajorEventType;
  eventDate: string;
  title: string;
  details: string;
  election?: ElectionOutcome;
}

/** What a major-event case carries: the report, how it was timed against the catalogue, and its summary. */
export interface MajorEventApplication extends FiledBy, MajorEventReport {
  reportedOn: string;
  timing: ReportTiming;
  reportBy: string;
  rule: MajorEventRule;
  summary?: { text: string; filedAt: string };
}

/** The bureau's answer to a reviewed or followed-up event; `filed` is the file-only workflow's own. */
export type MajorEventOutcome = "filed" | "acknowledge" | "no_objection" | "object";

export const MAJOR_EVENT_STATUS: Readonly<Record<MajorEventOutcome, CaseStatus>> = {
  filed: "filed",
  acknowledge: "acknowledged",
  no_objection: "no_objection",
  object: "objected",
};

/** The outcome as the organization's message names it. */
export const MAJOR_EVENT_OUTCOME_NAMES: Readonly<Record<MajorEventOutcome, string>> = {
  filed: "已备案",
  acknowledge: "已知悉",
  no_objection: "无异议",
  object: "有异议",
};
