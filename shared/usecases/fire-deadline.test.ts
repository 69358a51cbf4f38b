import { describe, expect, it } from "vitest";
import {
  caseSubject,
  type DeadlineKind,
  type DeadlineRecord,
  organizationSubject,
} from "../domain/cases/records.js";
import { defaultLadders, ladderFirings, nextFiring } from "../domain/deadlines/index.js";
import { outboxMessages } from "../notify/message.js";
import { nationalDefaults } from "../settings/index.js";
import { messagesFor } from "./support/deadline-messages.js";

/** A deadline of each kind as the code that creates it fills it in. */
const fixtures: Record<DeadlineKind, Partial<DeadlineRecord>> = {
  credit_review: { uscc: "51310114MJ00000105" },
  decision_limit: { caseId: "REG01M84K9AAD4XEE6N047G" },
  supplement: { caseId: "REG01M84K9AAD4XEE6N047G" },
  rectification: { caseId: "AIR01M84K9AAD4XEE6N047G" },
  annual_report: { ref: "2025", uscc: "51310114MJ00000105" },
  public_notice: { caseId: "ASM01M84K9AAD4XEE6N047G" },
  grade_expiry: { uscc: "51310114MJ00000105", vars: { grade: "4A" } },
  term_end: { uscc: "51310114MJ00000105" },
  event_response: { caseId: "EVT01M84K9AAD4XEE6N047G", vars: { eventName: "第三届会员代表大会" } },
  event_summary: { caseId: "EVT01M84K9AAD4XEE6N047G", vars: { eventName: "长三角物流论坛" } },
};

const settings = {
  ...nationalDefaults,
  level: "county" as const,
  reminders: {
    ...nationalDefaults.reminders,
    regulatorContacts: {
      queue: { email: "queue@bureau.example" },
      supervisor: { email: "chief@bureau.example", phone: "13900000000" },
    },
  },
};

describe("reminder messages for every deadline kind", () => {
  for (const [kind, extra] of Object.entries(fixtures) as [DeadlineKind, Partial<DeadlineRecord>][]) {
    it(`${kind}: every rung renders for every audience, in both languages`, () => {
      const deadline: DeadlineRecord = {
        subject: organizationSubject("51310114MJ00000105"),
        kind,
        ref: "r1",
        dueDate: "2025-06-03",
        status: "open",
        jurisdiction: "310114",
        orgName: "上海市嘉定区物流行业协会",
        organizationContact: { email: "org@example.org", phone: "13800138000" },
        version: 1,
        ...extra,
      };
      for (const locale of ["zh-CN", "en"] as const) {
        const s = { ...settings, reminders: { ...settings.reminders, locale } };
        for (const firing of ladderFirings(deadline.dueDate, defaultLadders[kind])) {
          const messages = messagesFor(deadline, firing, s, new Date("2025-05-01T01:00:00Z")).flatMap(
            outboxMessages,
          );
          expect(messages.length).toBeGreaterThan(0);
          for (const m of messages) expect(m.text).not.toMatch(/\{\w+\}/);
        }
      }
    });
  }
});

describe("nextFiring", () => {
  const base: DeadlineRecord = {
    subject: caseSubject("C1"),
    kind: "supplement",
    ref: "T1",
    dueDate: "2025-05-06",
    status: "open",
    version: 1,
  };
  it("is the next ladder rung, at 09:00 Shanghai", () => {
    expect(nextFiring(base)).toBe("2025-04-29T01:00:00.000Z");
  });
  it("is the expiry at the start of the day after the due date for a deadline that guards a task", () => {
    const guarded = {
      ...base,
      fired: ["before_7", "before_1", "due"],
      taskId: "T1",
    };
    expect(nextFiring(guarded)).toBe("2025-05-06T16:00:00.000Z");
  });
  it("is nothing for a met, waived or paused deadline", () => {
    for (const status of ["met", "waived", "paused"] as const) {
      expect(nextFiring({ ...base, status })).toBeUndefined();
    }
  });
});

describe("nextFiring of a deadline created after its period ran out", () => {
  it("is due at once, so the expiry still happens", () => {
    const late: DeadlineRecord = {
      subject: organizationSubject("51310112MJ3000B0XX"),
      kind: "annual_report",
      ref: "2026",
      dueDate: "2027-05-31",
      status: "open",
      version: 1,
    };
    const now = Date.parse("2027-06-04T00:30:00+08:00");
    expect(Date.parse(nextFiring(late) as string)).toBeLessThanOrEqual(now);
  });
});

describe("nextFiring of a deadline whose ladder has run out", () => {
  it("is its expiry, when the sweep marks it missed", () => {
    const grade: DeadlineRecord = {
      subject: organizationSubject("51310114MJ00000105"),
      kind: "grade_expiry",
      ref: "2025-12-31",
      dueDate: "2025-12-31",
      status: "open",
      fired: ["before_180", "before_30"],
      version: 1,
    };
    expect(nextFiring(grade)).toBe("2025-12-31T16:00:00.000Z");
    expect(nextFiring({ ...grade, status: "missed" })).toBeUndefined();
  });
});
