import { describe, expect, it } from "vitest";
import type { DeadlineKind } from "../domain/cases/records.js";
import { defaultLadders, type RungAction } from "../domain/deadlines/index.js";
import { newId } from "../domain/ids.js";
import {
  type Locale,
  type MessageKind,
  MissingTemplateVariableError,
  reminderKind,
  renderMessage,
  templates,
} from "./templates.js";

const SIGNATURE = "【socorg】";
const caseId = newId("REG", new Date("2025-05-20T02:00:00Z"));

// Values as long as real ones: a 16-character organization name, a full case id, a date.
const samples: Record<string, string> = {
  orgName: "上海市嘉定区青少年科技教育促进会",
  caseId,
  dueDate: "2025-06-03",
  reason: "缺少住所使用权证明，请补充提交房产证复印件",
  uscc: "51310114MJ4A1B2C3X",
  year: "2024",
  grade: "4A",
  eventName: "第三届会员代表大会暨换届选举",
  link: `https://socorg.example.gov.cn/cases/${caseId}`,
  kind: "reminder_annual_report",
  channel: "sms",
  attempts: "5",
  error: "isv.MOBILE_NUMBER_ILLEGAL",
  outcome: "基本合格",
  list: "严重违法失信名单",
  ground: "《社会组织信用信息管理办法》（民政部令第60号），列入活动异常名录：未按照规定时限报送年度工作报告",
  since: "2025-06-04",
  total: "936.5",
  certificateNo: "310114-2025-0007",
  validUntil: "2030-06-09",
  filingDays: "30",
  what: "登记申请（案件号 REG01）许可决定",
  from: "2025-06-03",
  to: "2025-06-10",
  source: "国务院办公厅关于2025年部分节假日安排的通知",
};

const kinds = Object.keys(templates) as MessageKind[];
const locales: Locale[] = ["zh-CN", "en"];

function varsFor(kind: MessageKind): Record<string, string> {
  return Object.fromEntries(
    templates[kind].vars.map((name) => {
      const value = samples[name];
      if (value === undefined) throw new Error(`no sample value for {${name}} of ${kind}`);
      return [name, value];
    }),
  );
}

const deadlineKinds = Object.keys(defaultLadders) as DeadlineKind[];
const actions: RungAction[] = ["remind", "overdue", "escalate"];

describe("templates", () => {
  it("has a reminder, overdue and escalation kind for every deadline kind, and delivery_failed", () => {
    const expected = deadlineKinds.flatMap((d) => [`reminder_${d}`, `overdue_${d}`, `escalation_${d}`]);
    expect(kinds).toEqual(expect.arrayContaining([...expected, "delivery_failed"]));
    for (const d of deadlineKinds) {
      expect(actions.map((a) => reminderKind(d, a))).toEqual([
        `reminder_${d}`,
        `overdue_${d}`,
        `escalation_${d}`,
      ]);
    }
  });

  it("has a template for every rung of the default ladders", () => {
    for (const d of deadlineKinds) {
      for (const rung of defaultLadders[d]) expect(templates).toHaveProperty(reminderKind(d, rung.action));
    }
  });

  describe.each(kinds)("%s", (kind) => {
    it.each(locales)("renders in %s with no placeholder left", (locale) => {
      const rendered = renderMessage(kind, locale, varsFor(kind));
      for (const text of Object.values(rendered)) {
        expect(text).not.toMatch(/[{}]/);
        expect(text.trim()).not.toBe("");
      }
    });

    it("uses every variable it declares", () => {
      const t = templates[kind];
      const texts = locales.flatMap((l) => [t.subject[l], t.email[l], t.sms[l]]).join("\n");
      for (const name of t.vars) expect(texts).toContain(`{${name}}`);
    });

    it("fits one 70-character SMS segment in zh-CN, signature included", () => {
      const sms = SIGNATURE + renderMessage(kind, "zh-CN", varsFor(kind)).sms;
      expect([...sms].length, sms).toBeLessThanOrEqual(70);
    });

    it("throws when a variable is missing", () => {
      const vars = varsFor(kind);
      const [first] = templates[kind].vars;
      if (first !== undefined) delete vars[first];
      expect(() => renderMessage(kind, "zh-CN", vars)).toThrow(MissingTemplateVariableError);
    });
  });

  it("cites the legal ground in the emails", () => {
    const email = (kind: MessageKind) => renderMessage(kind, "zh-CN", varsFor(kind)).email;
    expect(email("overdue_annual_report")).toContain("《社会组织信用信息管理办法》");
    expect(email("overdue_annual_report")).toContain("《民法典》第二百零三条");
    expect(email("reminder_decision_limit")).toContain("《中华人民共和国行政许可法》第四十二条");
    expect(email("escalation_decision_limit")).toContain(caseId);
    expect(email("reminder_supplement")).toContain(samples.link);
  });
});
