import type { Template } from "./templates.js";

/** Major events (重大事项报告), change (变更登记) and deregistration (注销登记). */
export const registerTemplates = {
  major_event_received: {
    vars: ["orgName", "eventName", "caseId"],
    subject: { "zh-CN": "重大事项报告已收到：{orgName}", en: "Major event report received: {orgName}" },
    email: {
      "zh-CN": "您好：\n{orgName}报告的重大事项「{eventName}」（案件号 {caseId}）已收到。",
      en: "The major event “{eventName}” reported by {orgName} (case {caseId}) has been received.",
    },
    sms: {
      "zh-CN": "{orgName}重大事项报告已收到：{eventName}。",
      en: "{orgName}: major event report {caseId} received.",
    },
  },
  major_event_answered: {
    vars: ["orgName", "eventName", "outcome", "reason", "link"],
    subject: {
      "zh-CN": "重大事项答复：{orgName}「{eventName}」{outcome}",
      en: "Major event answered: {orgName} “{eventName}” — {outcome}",
    },
    email: {
      "zh-CN":
        "您好：\n登记管理机关对{orgName}报告的重大事项「{eventName}」的意见：{outcome}。{reason}\n详情：{link}",
      en: "The registration authority's answer to the major event “{eventName}” reported by {orgName}: {outcome}. {reason}\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}重大事项报告答复：{outcome}，详见系统。",
      en: "{orgName}: major event answered: {outcome}.",
    },
  },
  change_registration_required: {
    vars: ["orgName", "eventName", "filingDays", "link"],
    subject: { "zh-CN": "请办理变更登记：{orgName}", en: "Change registration needed: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的「{eventName}」产生了新的法定代表人，请自变更之日起{filingDays}日内申请变更登记，并附原法定代表人的离任审计报告。\n办理：{link}",
      en: "“{eventName}” gave {orgName} a new legal representative. Please apply for change registration within {filingDays} days, with the outgoing legal representative's departure audit.\nApply: {link}",
    },
    sms: {
      "zh-CN": "{orgName}法定代表人已变更，请于{filingDays}日内申请变更登记。",
      en: "{orgName}: new legal representative; apply for change registration within {filingDays} days.",
    },
  },
  change_received: {
    vars: ["orgName", "caseId", "dueDate"],
    subject: { "zh-CN": "变更登记申请已收到：{orgName}", en: "Change registration received: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的变更登记申请（案件号 {caseId}）已收到，登记管理机关将于 {dueDate} 前作出决定。",
      en: "The change registration application of {orgName} (case {caseId}) has been received; the registration authority will decide by {dueDate}.",
    },
    sms: {
      "zh-CN": "{orgName}变更登记申请已受理，将于{dueDate}前作出决定。",
      en: "{orgName}: change application {caseId} received; decision by {dueDate}.",
    },
  },
  change_decided: {
    vars: ["orgName", "caseId", "outcome", "reason", "link"],
    subject: {
      "zh-CN": "变更登记决定：{orgName}{outcome}",
      en: "Change registration decided: {orgName} — {outcome}",
    },
    email: {
      "zh-CN": "您好：\n{orgName}的变更登记申请（案件号 {caseId}）：{outcome}。{reason}\n详情：{link}",
      en: "The change registration application of {orgName} (case {caseId}): {outcome}. {reason}\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}变更登记申请：{outcome}，详见系统。",
      en: "{orgName}: change application {caseId} {outcome}.",
    },
  },
  change_supplement_requested: {
    vars: ["orgName", "caseId", "dueDate", "reason"],
    subject: {
      "zh-CN": "请补正变更登记材料：{orgName}",
      en: "Please supplement your change registration: {orgName}",
    },
    email: {
      "zh-CN":
        "您好：\n{orgName}的变更登记申请（案件号 {caseId}）需要补正：{reason}\n请于 {dueDate} 前提交补正材料，逾期未补正的，视为撤回申请。",
      en: "The change registration application of {orgName} (case {caseId}) needs supplementing: {reason}\nPlease file the supplement by {dueDate}; an application not supplemented by then is treated as withdrawn.",
    },
    sms: {
      "zh-CN": "{orgName}变更登记申请需补正，请于{dueDate}前提交，逾期视为撤回。",
      en: "{orgName}: please supplement change application {caseId} by {dueDate}.",
    },
  },
  deregistration_received: {
    vars: ["orgName", "caseId", "dueDate"],
    subject: {
      "zh-CN": "注销登记申请已收到：{orgName}",
      en: "Deregistration application received: {orgName}",
    },
    email: {
      "zh-CN":
        "您好：\n{orgName}的注销登记申请（案件号 {caseId}）已收到，登记管理机关将于 {dueDate} 前作出决定。",
      en: "The deregistration application of {orgName} (case {caseId}) has been received; the registration authority will decide by {dueDate}.",
    },
    sms: {
      "zh-CN": "{orgName}注销登记申请已受理，将于{dueDate}前作出决定。",
      en: "{orgName}: deregistration {caseId} received; decision by {dueDate}.",
    },
  },
  deregistration_supplement_requested: {
    vars: ["orgName", "caseId", "dueDate", "reason"],
    subject: {
      "zh-CN": "请补正注销登记材料：{orgName}",
      en: "Please supplement your deregistration: {orgName}",
    },
    email: {
      "zh-CN":
        "您好：\n{orgName}的注销登记申请（案件号 {caseId}）需要补正：{reason}\n请于 {dueDate} 前提交补正材料，逾期未补正的，视为撤回申请。",
      en: "The deregistration application of {orgName} (case {caseId}) needs supplementing: {reason}\nPlease file the supplement by {dueDate}; an application not supplemented by then is treated as withdrawn.",
    },
    sms: {
      "zh-CN": "{orgName}注销登记申请需补正，请于{dueDate}前提交，逾期视为撤回。",
      en: "{orgName}: please supplement deregistration {caseId} by {dueDate}.",
    },
  },
  deregistration_decided: {
    vars: ["orgName", "caseId", "outcome", "reason", "link"],
    subject: {
      "zh-CN": "注销登记决定：{orgName}{outcome}",
      en: "Deregistration decided: {orgName} — {outcome}",
    },
    email: {
      "zh-CN": "您好：\n{orgName}的注销登记申请（案件号 {caseId}）：{outcome}。{reason}\n详情：{link}",
      en: "The deregistration application of {orgName} (case {caseId}): {outcome}. {reason}\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}注销登记申请：{outcome}，详见系统。",
      en: "{orgName}: deregistration {caseId} {outcome}.",
    },
  },
} as const satisfies Record<string, Template>;
