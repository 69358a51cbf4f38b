/**
 * Message texts per kind, in zh-CN (the default) and en. A message is a kind plus variables: SMTP and
 * the outbox render these texts; a domestic SMS provider sends its approved template code instead.
 */
import type { DeadlineKind } from "../domain/cases/records.js";
import type { RungAction } from "../domain/deadlines/index.js";
import { assessmentTemplates } from "./assessment-templates.js";
import { registerTemplates } from "./register-templates.js";

export type Locale = "zh-CN" | "en";

export interface Template {
  vars: readonly string[];
  subject: Record<Locale, string>;
  email: Record<Locale, string>;
  /** Within one 70-character segment for zh-CN where the variables allow it. */
  sms: Record<Locale, string>;
}

const registrationTemplates = {
  registration_submitted: {
    vars: ["orgName", "caseId", "dueDate"],
    subject: { "zh-CN": "成立登记申请已收到：{orgName}", en: "Registration application received: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的成立登记申请（案件号 {caseId}）已收到，登记管理机关将于 {dueDate} 前作出决定（《行政许可法》第四十二条）。",
      en: "The registration application of {orgName} (case {caseId}) has been received. The registration authority will decide by {dueDate}.",
    },
    sms: {
      "zh-CN": "{orgName}成立登记申请已受理，将于{dueDate}前作出决定。",
      en: "{orgName}: registration application {caseId} received; decision by {dueDate}.",
    },
  },
  supplement_requested: {
    vars: ["orgName", "caseId", "dueDate", "reason"],
    subject: { "zh-CN": "请补正材料：{orgName}", en: "Please supplement your application: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的成立登记申请（案件号 {caseId}）需要补正：{reason}\n请于 {dueDate} 前提交补正材料，逾期未补正的，视为撤回申请。",
      en: "The registration application of {orgName} (case {caseId}) needs supplementing: {reason}\nPlease file the supplement by {dueDate}; an application not supplemented by then is treated as withdrawn.",
    },
    sms: {
      "zh-CN": "{orgName}登记申请需补正，请于{dueDate}前提交，逾期视为撤回。",
      en: "{orgName}: please supplement application {caseId} by {dueDate}.",
    },
  },
  registration_approved: {
    vars: ["orgName", "caseId", "uscc"],
    subject: { "zh-CN": "准予成立登记：{orgName}", en: "Registration approved: {orgName}" },
    email: {
      "zh-CN": "您好：\n{orgName}准予成立登记（案件号 {caseId}），统一社会信用代码 {uscc}。请领取登记证书。",
      en: "{orgName} is registered (case {caseId}). Unified social credit code: {uscc}. Please collect the registration certificate.",
    },
    sms: {
      "zh-CN": "{orgName}准予成立登记，统一社会信用代码{uscc}。",
      en: "{orgName} is registered, USCC {uscc}.",
    },
  },
  registration_rejected: {
    vars: ["orgName", "caseId", "reason"],
    subject: { "zh-CN": "不予成立登记：{orgName}", en: "Registration refused: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的成立登记申请（案件号 {caseId}）不予登记，理由：{reason}\n如不服，可依法申请行政复议或者提起行政诉讼。",
      en: "The registration application of {orgName} (case {caseId}) is refused: {reason}\nYou may apply for administrative reconsideration or bring an administrative lawsuit.",
    },
    sms: {
      "zh-CN": "{orgName}成立登记申请不予登记，详见邮件或系统。",
      en: "{orgName}: registration application {caseId} refused; see the case for reasons.",
    },
  },
  registration_withdrawn: {
    vars: ["orgName", "caseId"],
    subject: { "zh-CN": "申请已视为撤回：{orgName}", en: "Application treated as withdrawn: {orgName}" },
    email: {
      "zh-CN": "您好：\n{orgName}的成立登记申请（案件号 {caseId}）未在补正期限内补正，视为撤回申请。",
      en: "The registration application of {orgName} (case {caseId}) was not supplemented in time and is treated as withdrawn.",
    },
    sms: {
      "zh-CN": "{orgName}登记申请逾期未补正，视为撤回。",
      en: "{orgName}: application {caseId} not supplemented in time, treated as withdrawn.",
    },
  },
} as const satisfies Record<string, Template>;

type Text = Record<Locale, string>;

/** How one deadline kind is worded; `what` reads before 期限 in zh-CN and after "the deadline for" in en. */
interface DeadlineWording {
  /** Variables beyond orgName, dueDate and link. */
  vars: readonly string[];
  what: Text;
  /** A shorter `what` for the zh-CN SMS, which must fit 70 characters with the signature. */
  smsWhat: string;
  remind: Text & { sms: string };
  overdue: Text & { sms: string };
  /** The legal ground, one line of the email; empty when there is none to cite. */
  ground: Text;
}

// 《民法典》第二百零三条: the sweeps compute these due dates with statutoryPeriodEnd, so the text may say so.
const periodNote: Text = {
  "zh-CN":
    "期限最后一日为法定休假日的，依《民法典》第二百零三条以休假日结束的次日为期限最后一日，上述日期已据此确定。",
  en: "A period whose last day is a statutory holiday ends on the day after the holiday (Civil Code, art. 203); the date above already reflects this.",
};

const noGround: Text = { "zh-CN": "", en: "" };

const deadlineWordings: Record<DeadlineKind, DeadlineWording> = {
  credit_review: {
    vars: [],
    what: { "zh-CN": "活动异常名录届满复核", en: "the two-year review of the abnormal-activity listing" },
    smsWhat: "异常名录届满复核",
    remind: {
      "zh-CN": "请及时履行相关义务并申请移出。",
      en: "Please fulfil what is missing and apply for removal.",
      sms: "请及时申请移出",
    },
    overdue: {
      "zh-CN": "列入活动异常名录满2年的，列入严重违法失信名单。",
      en: "An organization on the abnormal-activity list for two years is entered in the serious list.",
      sms: "满2年将列入严重违法失信名单",
    },
    ground: {
      "zh-CN": "依据《社会组织信用信息管理办法》。",
      en: "Legal ground: 《社会组织信用信息管理办法》.",
    },
  },
  annual_report: {
    vars: ["year"],
    what: { "zh-CN": "{year}年度工作报告报送", en: "filing the {year} annual work report" },
    smsWhat: "{year}年度报告报送",
    remind: { "zh-CN": "请登录系统按时报送。", en: "Please file it on time.", sms: "请按时报送" },
    overdue: {
      "zh-CN": "未按规定时限报送年度工作报告的社会组织将被列入活动异常名录，请尽快报送。",
      en: "An organization that does not file its annual work report on time is entered in the list of abnormal activity; please file it now.",
      sms: "请尽快报送，以免列入活动异常名录",
    },
    ground: {
      "zh-CN": `依据《社会组织信用信息管理办法》。${periodNote["zh-CN"]}`,
      en: `Legal ground: Measures for the Administration of Credit Information of Social Organizations (《社会组织信用信息管理办法》). ${periodNote.en}`,
    },
  },
  supplement: {
    vars: ["caseId"],
    what: { "zh-CN": "登记申请（案件号 {caseId}）补正", en: "the supplement to application {caseId}" },
    smsWhat: "登记申请补正",
    remind: {
      "zh-CN": "请在期限内一次性提交全部补正材料；逾期未补正的，视为撤回申请。",
      en: "Please file all the requested materials by then; an application not supplemented in time is treated as withdrawn.",
      sms: "逾期未补正视为撤回申请",
    },
    overdue: {
      "zh-CN": "逾期未补正的，视为撤回申请。",
      en: "An application not supplemented in time is treated as withdrawn.",
      sms: "逾期未补正视为撤回申请",
    },
    ground: {
      "zh-CN": `依据《中华人民共和国行政许可法》第三十二条。${periodNote["zh-CN"]}`,
      en: `Legal ground: Administrative Licensing Law, art. 32. ${periodNote.en}`,
    },
  },
  rectification: {
    vars: [],
    what: { "zh-CN": "整改", en: "the rectification" },
    smsWhat: "整改",
    remind: {
      "zh-CN": "请按整改通知要求完成整改并报送整改报告。",
      en: "Please complete the rectification and file the rectification report as the notice requires.",
      sms: "请按时报送整改报告",
    },
    overdue: {
      "zh-CN": "尚未收到整改报告，请尽快报送；登记管理机关将依法处理。",
      en: "No rectification report has been received; please file it now. The registration authority will act as the law provides.",
      sms: "尚未收到整改报告，请尽快报送",
    },
    ground: periodNote,
  },
  decision_limit: {
    vars: ["caseId"],
    what: { "zh-CN": "登记申请（案件号 {caseId}）许可决定", en: "the decision on application {caseId}" },
    smsWhat: "登记申请许可决定",
    remind: {
      "zh-CN": "请在期限内作出决定；期限按工作日计算，不含法定节假日。",
      en: "Please decide by then; the limit runs in working days, statutory holidays excluded.",
      sms: "请及时作出决定",
    },
    overdue: {
      "zh-CN": "已超过法定决定期限，请立即处理。",
      en: "The statutory decision limit has passed; please act at once.",
      sms: "请立即处理",
    },
    ground: {
      "zh-CN": "依据《中华人民共和国行政许可法》第四十二条。",
      en: "Legal ground: Administrative Licensing Law, art. 42.",
    },
  },
  public_notice: {
    vars: [],
    what: { "zh-CN": "公示", en: "the public notice" },
    smsWhat: "公示",
    remind: {
      "zh-CN": "公示期届满后，请汇总公示期间收到的意见并推进后续程序。",
      en: "When it ends, please collect the comments received and move the case on.",
      sms: "请汇总意见并推进后续程序",
    },
    overdue: {
      "zh-CN": "公示期已届满，请尽快推进后续程序。",
      en: "The notice period has ended; please move the case on.",
      sms: "请尽快推进后续程序",
    },
    ground: noGround,
  },
  grade_expiry: {
    vars: ["grade"],
    what: { "zh-CN": "评估等级（{grade}）有效", en: "the validity of the {grade} assessment grade" },
    smsWhat: "评估等级有效",
    remind: {
      "zh-CN": "如需保持评估等级，请在有效期届满前申请重新评估。",
      en: "To keep the grade, please apply for a new assessment before it expires.",
      sms: "如需保持请申请重新评估",
    },
    overdue: {
      "zh-CN": "评估等级已届满失效，请停止使用该等级的证书和牌匾。",
      en: "The grade has expired; please stop using its certificate and plaque.",
      sms: "请停止使用等级证书和牌匾",
    },
    ground: {
      "zh-CN": "依据《社会组织评估管理办法》。",
      en: "Legal ground: Measures for the Assessment of Social Organizations (《社会组织评估管理办法》).",
    },
  },
  term_end: {
    vars: [],
    what: { "zh-CN": "换届", en: "the leadership election (换届)" },
    smsWhat: "换届",
    remind: {
      "zh-CN": "请按章程规定在任期届满前完成换届，并事先报告登记管理机关。",
      en: "Please hold the election before the term ends, as the charter requires, and report it to the registration authority in advance.",
      sms: "请按章程按期换届",
    },
    overdue: {
      "zh-CN": "任期已届满，尚未完成换届（超期未换届），请尽快完成换届并报告登记管理机关。",
      en: "The term has ended without an election (超期未换届); please hold it now and report to the registration authority.",
      sms: "请尽快完成换届并报告",
    },
    ground: { "zh-CN": "依据：本组织章程。", en: "Ground: the organization's charter." },
  },
  event_response: {
    vars: ["eventName"],
    what: {
      "zh-CN": "重大事项报告（{eventName}）答复",
      en: "the response to the major event report “{eventName}”",
    },
    smsWhat: "重大事项答复",
    remind: {
      "zh-CN": "请在期限内审核并答复。",
      en: "Please review and respond by then.",
      sms: "请及时审核答复",
    },
    overdue: {
      "zh-CN": "答复期限已过，请尽快审核并答复。",
      en: "The response is overdue; please review and respond now.",
      sms: "请尽快审核答复",
    },
    ground: noGround,
  },
  event_summary: {
    vars: ["eventName"],
    what: {
      "zh-CN": "重大事项（{eventName}）事后总结报告报送",
      en: "filing the summary report on “{eventName}”",
    },
    smsWhat: "重大事项总结报告报送",
    remind: {
      "zh-CN": "请按时报送事后总结报告。",
      en: "Please file the summary report on time.",
      sms: "请按时报送",
    },
    overdue: {
      "zh-CN": "尚未收到事后总结报告，请尽快报送。",
      en: "No summary report has been received; please file it now.",
      sms: "请尽快报送",
    },
    ground: periodNote,
  },
};

const ACTION_PREFIX = { remind: "reminder", overdue: "overdue", escalate: "escalation" } as const;

type LadderKind = `${(typeof ACTION_PREFIX)[RungAction]}_${DeadlineKind}`;

const lines = (...parts: string[]) => parts.filter((p) => p !== "").join("\n");

function ladderTemplate(action: RungAction, w: DeadlineWording): Template {
  const vars = ["orgName", "dueDate", ...w.vars, "link"];
  const zh = (lead: string) => lines("您好：", lead, w.ground["zh-CN"], "详情：{link}");
  const en = (lead: string) => lines("Hello,", lead, w.ground.en, "Details: {link}");
  const what = w.what;
  switch (action) {
    case "remind":
      return {
        vars,
        subject: {
          "zh-CN": `期限提醒：{orgName}${what["zh-CN"]}期限为{dueDate}`,
          en: `Reminder: ${what.en} due {dueDate} — {orgName}`,
        },
        email: {
          "zh-CN": zh(`{orgName}的${what["zh-CN"]}期限为 {dueDate}。${w.remind["zh-CN"]}`),
          en: en(`The deadline for ${what.en} of {orgName} is {dueDate}. ${w.remind.en}`),
        },
        sms: {
          "zh-CN": `{orgName}${w.smsWhat}期限为{dueDate}，${w.remind.sms}。`,
          en: `{orgName}: ${what.en} is due {dueDate}. ${w.remind.en}`,
        },
      };
    case "overdue":
      return {
        vars,
        subject: {
          "zh-CN": `逾期提示：{orgName}${what["zh-CN"]}期限已过`,
          en: `Overdue: ${what.en} — {orgName}`,
        },
        email: {
          "zh-CN": zh(`{orgName}的${what["zh-CN"]}期限为 {dueDate}，现已逾期。${w.overdue["zh-CN"]}`),
          en: en(`The deadline for ${what.en} of {orgName} was {dueDate} and has passed. ${w.overdue.en}`),
        },
        sms: {
          "zh-CN": `{orgName}${w.smsWhat}期限{dueDate}已过，${w.overdue.sms}。`,
          en: `{orgName}: ${what.en} was due {dueDate}. ${w.overdue.en}`,
        },
      };
    case "escalate":
      return {
        vars,
        subject: {
          "zh-CN": `督办：{orgName}${what["zh-CN"]}逾期未办结`,
          en: `Escalation: ${what.en} overdue — {orgName}`,
        },
        email: {
          "zh-CN": zh(`{orgName}的${what["zh-CN"]}期限为 {dueDate}，现已逾期仍未办结，请督办。`),
          en: en(
            `The deadline for ${what.en} of {orgName} was {dueDate} and it is still open; please follow it up.`,
          ),
        },
        sms: {
          "zh-CN": `{orgName}${w.smsWhat}期限{dueDate}已过仍未办结，请督办。`,
          en: `{orgName}: ${what.en} was due {dueDate} and is still open; please follow it up.`,
        },
      };
  }
}

/** The message kind of a ladder rung: reminder_…, overdue_… or escalation_… and the deadline kind. */
export function reminderKind(deadlineKind: DeadlineKind, action: RungAction): MessageKind {
  return `${ACTION_PREFIX[action]}_${deadlineKind}`;
}

const ladderTemplates = Object.fromEntries(
  Object.entries(deadlineWordings).flatMap(([kind, wording]) =>
    (Object.keys(ACTION_PREFIX) as RungAction[]).map((action) => [
      reminderKind(kind as DeadlineKind, action),
      ladderTemplate(action, wording),
    ]),
  ),
) as Record<LadderKind, Template>;

const inspectionTemplates = {
  annual_report_received: {
    vars: ["orgName", "year", "caseId"],
    subject: { "zh-CN": "年度工作报告已收到：{orgName}", en: "Annual report received: {orgName}" },
    email: {
      "zh-CN": "您好：\n{orgName}的{year}年度工作报告（案件号 {caseId}）已收到，审核结果将另行通知。",
      en: "The {year} annual work report of {orgName} (case {caseId}) has been received; you will be told the outcome.",
    },
    sms: {
      "zh-CN": "{orgName}{year}年度报告已收到，审核结果另行通知。",
      en: "{orgName}: {year} annual report received.",
    },
  },
  inspection_outcome: {
    vars: ["orgName", "year", "outcome", "reason", "link"],
    subject: {
      "zh-CN": "年检结论：{orgName}{year}年度{outcome}",
      en: "Annual inspection {year}: {orgName} — {outcome}",
    },
    email: {
      "zh-CN": "您好：\n{orgName}{year}年度检查结论为：{outcome}。{reason}\n详情：{link}",
      en: "The {year} annual inspection of {orgName} concluded: {outcome}. {reason}\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}{year}年度检查结论：{outcome}，详见系统。",
      en: "{orgName}: {year} inspection {outcome}.",
    },
  },
  credit_listed: {
    vars: ["orgName", "list", "ground", "since", "link"],
    subject: {
      "zh-CN": "信用信息：{orgName}被列入{list}",
      en: "Credit record: {orgName} entered in the {list}",
    },
    email: {
      "zh-CN":
        "您好：\n{orgName}自{since}起被列入{list}，事由：{ground}。履行相关义务后可申请移出。\n详情：{link}",
      en: "{orgName} is entered in the {list} from {since} on the ground: {ground}. It may apply for removal once it has done what was missing.\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}自{since}起被列入{list}，详见系统。",
      en: "{orgName} entered in the {list} from {since}.",
    },
  },
} as const satisfies Record<string, Template>;

const operatorTemplates = {
  delivery_failed: {
    vars: ["orgName", "kind", "channel", "attempts", "error", "link"],
    subject: {
      "zh-CN": "消息投递失败：{orgName}（{kind}）",
      en: "Message not delivered: {orgName} ({kind})",
    },
    email: {
      "zh-CN":
        "您好：\n发给{orgName}的{channel}消息（{kind}）在{attempts}次尝试后仍未投递成功，最后一次错误：{error}\n请核实联系方式或通道配置后重新发送。\n详情：{link}",
      en: "Hello,\nThe {channel} message ({kind}) to {orgName} was not delivered after {attempts} attempts; last error: {error}\nPlease check the contact details or the channel settings and resend it.\nDetails: {link}",
    },
    sms: {
      "zh-CN": "发给{orgName}的{channel}消息{attempts}次投递失败，请登录系统处理。",
      en: "{channel} message ({kind}) to {orgName} failed after {attempts} attempts; please check.",
    },
  },
} as const satisfies Record<string, Template>;

const calendarTemplates = {
  // 国务院办公厅节假日安排: a date counted on weekends alone is counted again once the year's notice is out.
  deadline_redated: {
    vars: ["orgName", "what", "from", "to", "year", "source", "link"],
    subject: { "zh-CN": "期限日期调整：{orgName}", en: "A deadline has moved: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的{what}期限原为 {from}，当时{year}年法定节假日安排尚未公布，按周末推算。{year}年节假日安排已公布（{source}），期限据此重新计算为 {to}。\n详情：{link}",
      en: "Hello,\nThe deadline for {what} of {orgName} was {from}, counted on weekends alone because the {year} holiday calendar had not been published. The State Council's {year} holiday notice is now applied ({source}), and the deadline is counted again as {to}.\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}期限按{year}年节假日安排由{from}调整为{to}。",
      en: "{orgName}: a deadline moved from {from} to {to} under the {year} holiday calendar.",
    },
  },
} as const satisfies Record<string, Template>;

export const templates = {
  ...registrationTemplates,
  ...ladderTemplates,
  ...inspectionTemplates,
  ...operatorTemplates,
  ...assessmentTemplates,
  ...registerTemplates,
  ...calendarTemplates,
};

/** What a deadline is for, as its reminders name it ("the decision on application REG-…"). */
export function deadlineWhat(kind: DeadlineKind, locale: Locale, vars: Record<string, string>): string {
  return fill(deadlineWordings[kind].what[locale], vars);
}

export type MessageKind = keyof typeof templates;

export class MissingTemplateVariableError extends Error {
  override name = "MissingTemplateVariableError";
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined)
      throw new MissingTemplateVariableError(`template variable {${name}} has no value`);
    return value;
  });
}

export interface Rendered {
  subject: string;
  email: string;
  sms: string;
}

export function renderMessage(kind: MessageKind, locale: Locale, vars: Record<string, string>): Rendered {
  const t: Template = templates[kind];
  for (const name of t.vars) {
    if (vars[name] === undefined)
      throw new MissingTemplateVariableError(`${kind}: variable ${name} is missing`);
  }
  return {
    subject: fill(t.subject[locale], vars),
    email: fill(t.email[locale], vars),
    sms: fill(t.sms[locale], vars),
  };
}
