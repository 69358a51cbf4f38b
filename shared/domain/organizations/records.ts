import type { OrgType } from "../registration/index.js";

export type OrganizationStatus = "registered" | "deregistered" | "revoked";

export type Grade = "5A" | "4A" | "3A" | "2A" | "1A";

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

export interface OrganizationRecord {
  uscc: string;
  name: string;
  orgType: OrgType;
  status: OrganizationStatus;
  jurisdiction: string;
  registeredOn: string;
  domicile?: string;
  businessScope?: string;
  fundsCny?: number;
  legalRepresentative?: { name: string; idNumber: string; phone: string };
  contact: { email: string; phone: string };
  supervisoryUnit?: string;
  grade?: { level: Grade; validUntil: string };
  term?: { start: string; end: string };
  creditLists: CreditListEntry[];
  annualInspections: AnnualInspectionResult[];
  /** The registration case that created it, when it was registered here rather than imported. */
  registrationCaseId?: string;
  createdAt: string;
  version: number;
}
