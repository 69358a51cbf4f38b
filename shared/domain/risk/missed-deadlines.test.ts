import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseSubject, type DeadlineRecord, organizationSubject } from "../cases/records.js";
import { expiryActionOf } from "../deadlines/index.js";
import { missedDeadlineAlert } from "./missed-deadlines.js";

const uscc = "51310114MJ5000C0XX";
const now = new Date("2025-06-01T16:00:00Z");

const termEnd: DeadlineRecord = {
  subject: organizationSubject(uscc),
  kind: "term_end",
  ref: "2025-05-31",
  dueDate: "2025-05-31",
  status: "missed",
  jurisdiction: "310114",
  orgName: "上海市嘉定区摄影行业协会",
  uscc,
  version: 3,
};
const eventDeadline = (kind: "event_summary" | "event_response"): DeadlineRecord => ({
  subject: caseSubject("EVT1"),
  kind,
  ref: "EVT1",
  dueDate: "2025-07-15",
  status: "missed",
  jurisdiction: "310114",
  orgName: "上海市嘉定区桥牌行业协会",
  uscc,
  caseId: "EVT1",
  vars: { eventName: "桥牌邀请赛" },
  version: 2,
});

describe("what a missed term or event deadline raises", () => {
  it("超期未换届, a missing summary and an unanswered event each raise their alert", () => {
    expect(expiryActionOf(termEnd)).toEqual({ action: "alert", rule: "term_overdue", severity: "high" });
    expect(expiryActionOf(eventDeadline("event_summary"))).toEqual({
      action: "alert",
      rule: "event_summary_missing",
      severity: "low",
    });
    expect(expiryActionOf(eventDeadline("event_response"))).toEqual({
      action: "alert",
      rule: "event_response_overdue",
      severity: "medium",
    });
  });

  it("the alert explains itself from the deadline and the term it closed", () => {
    const alert = missedDeadlineAlert(
      termEnd,
      { rule: "term_overdue", severity: "high" },
      { termStart: "2020-06-01" },
      now,
    );
    expect(alert).toMatchObject({
      jurisdiction: "310114",
      uscc,
      rule: "term_overdue",
      severity: "high",
      status: "open",
      explanation:
        "The term of 上海市嘉定区摄影行业协会 that ran from 2020-06-01 ended on 2025-05-31 and no election is on record (超期未换届)",
      evidence: { deadline: "term_end", ref: "2025-05-31", dueDate: "2025-05-31", termStart: "2020-06-01" },
      raisedAt: now.toISOString(),
    });
    const summary = missedDeadlineAlert(
      eventDeadline("event_summary"),
      { rule: "event_summary_missing", severity: "low" },
      {},
      now,
    );
    expect(summary.explanation).toBe(
      "上海市嘉定区桥牌行业协会 has not filed the summary of “桥牌邀请赛” (case EVT1), due by 2025-07-15 (事后总结逾期未报)",
    );
    expect(summary.evidence).toEqual({
      deadline: "event_summary",
      ref: "EVT1",
      dueDate: "2025-07-15",
      caseId: "EVT1",
      eventName: "桥牌邀请赛",
    });
    const response = missedDeadlineAlert(
      eventDeadline("event_response"),
      { rule: "event_response_overdue", severity: "medium" },
      {},
      now,
    );
    expect(response.explanation).toContain("The bureau did not answer “桥牌邀请赛”");
  });

  it("one alert per deadline and generation: a later sweep names the same alert, a new generation a new one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.date({ min: new Date("2025-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        fc.date({ min: new Date("2025-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        (g1, g2, t1, t2) => {
          const raise = { rule: "term_overdue", severity: "high" } as const;
          const a = missedDeadlineAlert({ ...termEnd, generation: g1 }, raise, {}, t1);
          const b = missedDeadlineAlert({ ...termEnd, generation: g2 }, raise, {}, t2);
          expect(a.alertId === b.alertId).toBe(g1 === g2);
        },
      ),
    );
  });
});
