import { type DeadlineRecord, organizationSubject } from "../cases/records.js";
import { scheduled } from "../deadlines/firing.js";
import type { OrganizationRecord } from "../organizations/records.js";
import { annualReportDueDates } from "./due-dates.js";

/** A season's deadline for one organization: its annual report, due by type and moved off holidays; missed, it lists the organization as abnormal. */
export function annualReportDeadline(
  org: OrganizationRecord,
  year: number,
  settings: Parameters<typeof annualReportDueDates>[2],
  now: Date,
): DeadlineRecord {
  const due = annualReportDueDates(
    org.orgType,
    year,
    settings,
    Boolean(org.supervisoryUnit),
  ).registrationAuthority;
  return scheduled(
    {
      subject: organizationSubject(org.uscc),
      kind: "annual_report",
      ref: String(year),
      dueDate: due.date,
      calendarPublished: due.calendarPublished,
      status: "open",
      jurisdiction: org.jurisdiction,
      orgName: org.name,
      uscc: org.uscc,
      organizationContact: org.contact,
      // 未按规定报送年度工作报告 → 活动异常名录.
      onExpiry: { creditList: { list: "abnormal", ground: "annual_report_not_submitted" } },
      version: 1,
    },
    now,
  );
}
