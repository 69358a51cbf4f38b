import { compareDates, type IsoDate } from "../calendar/index.js";
import { organizationSubject } from "../cases/records.js";
import type { NewDeadline } from "../deadlines/index.js";
import type { OrganizationRecord } from "../organizations/records.js";
import type { OrgType } from "../registration/index.js";
import { annualReportDueDates, mustReport } from "./due-dates.js";

const ORG_TYPES: readonly OrgType[] = ["social_group", "social_service", "foundation"];

/** 年检季: a season a regulator opened for one report year of its jurisdiction. */
export interface AnnualReportSeason {
  year: number;
  jurisdiction: string;
  openedBy: string;
  openedAt: string;
  /** When reports are due to the registration authority, by type of organization. */
  dueDates: Record<OrgType, IsoDate>;
  /** When reports are due to the supervisory unit first, where one pre-reviews them. */
  supervisoryUnitDue: IsoDate;
  /** False while a due date rests on a year whose official calendar is not yet known. */
  calendarPublished: boolean;
}

type DueSettings = Parameters<typeof annualReportDueDates>[2];

/** The season's record, its due dates computed from the jurisdiction's settings and the calendar. */
export function annualReportSeason(
  opened: Pick<AnnualReportSeason, "year" | "jurisdiction" | "openedBy" | "openedAt">,
  settings: DueSettings,
): AnnualReportSeason {
  const byType = ORG_TYPES.map((t) => [t, annualReportDueDates(t, opened.year, settings, true)] as const);
  const dueDates = Object.fromEntries(byType.map(([t, due]) => [t, due.registrationAuthority.date]));
  const supervisory = byType[0]?.[1].supervisoryUnit;
  return {
    ...opened,
    dueDates: dueDates as Record<OrgType, IsoDate>,
    supervisoryUnitDue: supervisory?.date ?? "",
    calendarPublished: byType.every(
      ([, due]) =>
        due.registrationAuthority.calendarPublished && (due.supervisoryUnit?.calendarPublished ?? true),
    ),
  };
}

/**
 * The annual-report deadline a season gives an organization: for one that must report on the year, due
 * to the registration authority by its type's date. An organization that comes in (imported, registered)
 * after that date has passed gets none from this season: it was not in it.
 */
export function seasonDeadlineOf(
  season: AnnualReportSeason,
  org: OrganizationRecord,
  today: IsoDate,
  joining = false,
): NewDeadline | undefined {
  if (!mustReport(org, season.year)) return undefined;
  const dueDate = season.dueDates[org.orgType];
  if (joining && compareDates(today, dueDate) > 0) return undefined;
  return {
    subject: organizationSubject(org.uscc),
    kind: "annual_report",
    ref: String(season.year),
    dueDate,
    calendarPublished: season.calendarPublished,
    jurisdiction: org.jurisdiction,
    orgName: org.name,
    uscc: org.uscc,
    organizationContact: org.contact,
  };
}

/** 已报送: a report on the year is on the organization's record (filed, under review or decided). */
export const reportFiled = (org: Pick<OrganizationRecord, "annualInspections">, year: number): boolean =>
  org.annualInspections.some((i) => i.year === year);
