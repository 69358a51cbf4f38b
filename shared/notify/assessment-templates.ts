import type { Template } from "./templates.js";

/** 等级评估: what the organization hears at each stage of its assessment and of its grade's life. */
export const assessmentTemplates = {
  assessment_received: {
    vars: ["orgName", "caseId", "year"],
    subject: { "zh-CN": "等级评估申请已收到：{orgName}", en: "Assessment application received: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的{year}年度社会组织等级评估申请（案件号 {caseId}）已收到，评估机构将进行初审。",
      en: "The {year} grade assessment application of {orgName} (case {caseId}) has been received and goes to preliminary review.",
    },
    sms: {
      "zh-CN": "{orgName}等级评估申请已收到，进入初审。",
      en: "{orgName}: assessment application {caseId} received.",
    },
  },
  assessment_supplement_requested: {
    vars: ["orgName", "caseId", "dueDate", "reason"],
    subject: {
      "zh-CN": "等级评估材料需补正：{orgName}",
      en: "Assessment materials to supplement: {orgName}",
    },
    email: {
      "zh-CN":
        "您好：\n{orgName}的等级评估申请（案件号 {caseId}）材料需要补正：{reason}\n请于 {dueDate} 前提交，逾期未补正的，视为撤回评估申请。",
      en: "The assessment application of {orgName} (case {caseId}) needs supplementing: {reason}\nPlease file it by {dueDate}; otherwise the application is treated as withdrawn.",
    },
    sms: {
      "zh-CN": "{orgName}评估材料需补正，请于{dueDate}前提交。",
      en: "{orgName}: please supplement assessment {caseId} by {dueDate}.",
    },
  },
  assessment_notice_started: {
    vars: ["orgName", "caseId", "grade", "total", "dueDate"],
    subject: {
      "zh-CN": "评估结果公示：{orgName}拟评为{grade}",
      en: "Assessment result on public notice: {orgName}, {grade}",
    },
    email: {
      "zh-CN":
        "您好：\n经评估委员会审定，{orgName}（案件号 {caseId}）评估得分 {total} 分，拟评为 {grade} 级，现予公示，公示期至 {dueDate}。公示期内对结果有异议的，可提出复核。",
      en: "The assessment committee confirmed a total of {total} for {orgName} (case {caseId}), proposing the grade {grade}. The result is on public notice until {dueDate}; objections may be raised until then.",
    },
    sms: {
      "zh-CN": "{orgName}拟评为{grade}级，公示至{dueDate}。",
      en: "{orgName}: proposed grade {grade}, on notice until {dueDate}.",
    },
  },
  assessment_not_graded: {
    vars: ["orgName", "caseId", "total"],
    subject: {
      "zh-CN": "评估结果：{orgName}未达到等级标准",
      en: "Assessment result: {orgName} below the lowest grade",
    },
    email: {
      "zh-CN": "您好：\n{orgName}（案件号 {caseId}）评估得分 {total} 分，未达到1A级标准，本次不予评定等级。",
      en: "{orgName} (case {caseId}) scored {total}, below the threshold of 1A; no grade is given this time.",
    },
    sms: {
      "zh-CN": "{orgName}评估得分{total}分，未达等级标准。",
      en: "{orgName}: scored {total}, below the lowest grade.",
    },
  },
  assessment_closed: {
    vars: ["orgName", "caseId", "reason"],
    subject: { "zh-CN": "等级评估申请已终止：{orgName}", en: "Assessment application closed: {orgName}" },
    email: {
      "zh-CN": "您好：\n{orgName}的等级评估申请（案件号 {caseId}）已终止：{reason}",
      en: "The assessment application of {orgName} (case {caseId}) is closed: {reason}",
    },
    sms: {
      "zh-CN": "{orgName}等级评估申请已终止，详见系统。",
      en: "{orgName}: assessment application {caseId} closed.",
    },
  },
  grade_announced: {
    vars: ["orgName", "grade", "certificateNo", "validUntil", "link"],
    subject: {
      "zh-CN": "评估等级公告：{orgName}获评{grade}",
      en: "Assessment grade announced: {orgName}, {grade}",
    },
    email: {
      "zh-CN":
        "您好：\n{orgName}被评为 {grade} 级社会组织，证书编号 {certificateNo}，有效期至 {validUntil}。请领取证书和牌匾。\n详情：{link}",
      en: "{orgName} is graded {grade}; certificate {certificateNo}, valid until {validUntil}. Please collect the certificate and plaque.\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}获评{grade}级，有效期至{validUntil}。",
      en: "{orgName} graded {grade}, valid until {validUntil}.",
    },
  },
  grade_downgraded: {
    vars: ["orgName", "grade", "reason", "link"],
    subject: { "zh-CN": "评估等级降级：{orgName}", en: "Assessment grade lowered: {orgName}" },
    email: {
      "zh-CN": "您好：\n{orgName}的评估等级降为 {grade} 级，理由：{reason}\n详情：{link}",
      en: "The assessment grade of {orgName} is lowered to {grade}. Reason: {reason}\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}评估等级降为{grade}级，详见系统。",
      en: "{orgName}: grade lowered to {grade}.",
    },
  },
  grade_withdrawn: {
    vars: ["orgName", "grade", "reason", "dueDate", "link"],
    subject: { "zh-CN": "评估等级撤销：{orgName}", en: "Assessment grade withdrawn: {orgName}" },
    email: {
      "zh-CN":
        "您好：\n{orgName}的 {grade} 级评估等级已被撤销，理由：{reason}\n请停止使用等级证书和牌匾；{dueDate} 前不得再次申请评估。\n详情：{link}",
      en: "The {grade} assessment grade of {orgName} is withdrawn. Reason: {reason}\nPlease stop using its certificate and plaque; no new application is taken before {dueDate}.\nDetails: {link}",
    },
    sms: {
      "zh-CN": "{orgName}评估等级已撤销，请停止使用证书牌匾。",
      en: "{orgName}: grade {grade} withdrawn.",
    },
  },
} as const satisfies Record<string, Template>;
