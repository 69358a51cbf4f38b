import { settingsFor } from "../../settings/index.js";

/** Where the organization reads a case on the jurisdiction's portal, for the links in its messages. */
export const caseLink = (jurisdiction: string, caseId: string): string =>
  `${settingsFor(jurisdiction).reminders.portalUrl.replace(/\/$/, "")}/cases/${caseId}`;
