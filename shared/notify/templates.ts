/**
 * Message texts per kind, in zh-CN (the default) and en. A message is a kind plus variables: SMTP and
 * the outbox render these texts; a domestic SMS provider sends its approved template code instead.
 */
export type Locale = "zh-CN" | "en";

export interface Template {
  vars: readonly string[];
  subject: Record<Locale, string>;
  email: Record<Locale, string>;
  /** Within one 70-character segment for zh-CN where the variables allow it. */
  sms: Record<Locale, string>;
}

export const templates = {
  registration_submitted: {
    vars: ["orgName", "caseId", "dueDate"],
    subject: { "zh-CN": "成立登记申请已收到：{orgName}", en: "Registration application received: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的成立登记申请（案件号 {caseId}）已收到，登记管理机关将于 {dueDate} 前作出决定（《行政许可法》第四十二条）。",
      en: "The registration application of {orgName} (case {caseId}) has been received. The registration authority will decide by {dueDate}.",
    },
    sms: {
      "zh-CN": "{orgName}成立登记申请已受理，案件号{caseId}，{dueDate}前作出决定。",
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
