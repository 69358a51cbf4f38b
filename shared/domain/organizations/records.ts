import type { Leader } from "../leadership/index.js";
import type { OrgType } from "../registration/index.js";

export type OrganizationStatus = "registered" | "deregistered" | "revoked";

export type Grade = "5A" | "4A" | "3A" | "2A" | "1A";

/** 评估等级 as on the public record; an imported grade may lack its certificate and award date. */
export interface GradeRecord {
  level: Grade;
  validUntil: string;
  certificateNo?: string;
  awardedOn?: string;
  caseId?: string;
}

export interface CreditListEntry {
  list: "abnormal" | "serious";
  ground: string;
  since: string;
  until?: string;
  decidedBy: string;
}

export interface AnnualInspectionResult {
  year: number;
  outcome: "pass" | "basic_pass" | "fail" | "pending";
}

/** One change of a public field on the register (变更登记), as the public record shows it. */
export interface RecordChange {
  field: string;
  from: string | number | null;
  to: string | number | null;
  on: string;
}

export interface OrganizationRecord {
  uscc: string;
  name: string;
  orgType: OrgType;
  status: OrganizationStatus;
  jurisdiction: string;
  registeredOn: string;
  domicile?: string;
  /** The street or town (街道/乡镇, 9 digits under the jurisdiction) its domicile lies in; its grants see it. */
  streetCode?: string;
  businessScope?: string;
  fundsCny?: number;
  legalRepresentative?: { name: string; idNumber: string; phone: string };
  contact: { email: string; phone: string };
  supervisoryUnit?: string;
  grade?: GradeRecord;
  /** The last day a regulator withdrew the grade (撤销等级): no new application within the ban period. */
  gradeWithdrawnOn?: string;
  /** 行政处罚 and 立案调查 as the bureau records them; eligibility for assessment reads them. */
  penalties?: { decidedOn: string; carriedOut: boolean; ref?: string }[];
  investigations?: { openedOn: string; closedOn?: string; ref?: string }[];
  term?: { start: string; end: string };
  /** The leaders elected for the current term (会长, 理事长, 秘书长 …). */
  leaders?: Leader[];
  /** Changes approved through change registration, oldest first. */
  history?: RecordChange[];
  creditLists: CreditListEntry[];
  annualInspections: AnnualInspectionResult[];
  /** The registration case that created it, when it was registered here rather than imported. */
  registrationCaseId?: string;
  createdAt: string;
  version: number;
}

/** What every case an organization files carries: who it is and where its messages go. */
export interface FiledBy {
  uscc: string;
  name: string;
  orgType: OrganizationRecord["orgType"];
  contact: OrganizationRecord["contact"];
}

export const filedBy = (org: OrganizationRecord): FiledBy => ({
  uscc: org.uscc,
  name: org.name,
  orgType: org.orgType,
  contact: org.contact,
});
