import type { FC } from "hono/jsx";
import { materialKindSchema } from "../../../shared/settings/index.js";
import { numberOrText } from "../context.js";
import { Csrf, Field, type PageContext, ProblemSummary } from "../layout.js";

export type Values = Record<string, string>;
export type Problems = Record<string, string>;

const LEADER_ROWS = 3;

const zhLabels: Record<string, string> = {
  year: "报告年度",
  activities: "年度业务活动情况",
  "finances.incomeCny": "本年收入（元）",
  "finances.expensesCny": "本年支出（元）",
  "finances.netAssetsCny": "年末净资产（元）",
  "finances.publicWelfareSpendingCny": "公益事业支出（元）",
  "finances.adminCostsCny": "管理费用（元）",
  "finances.donationsFromAbroadCny": "境外捐赠（元，可不填）",
  "governance.meetingsHeld": "召开理事会（会员大会）次数",
  "governance.termStart": "本届任期开始日期",
  "governance.termEnd": "本届任期结束日期",
  "staff.fullTime": "专职工作人员（人）",
  "staff.partTime": "兼职工作人员（人）",
  branches: "分支机构（个，可不填）",
  auditReportRef: "审计报告编号（可不填）",
  leaderName: "姓名",
  leaderRole: "职务",
  leaderBirth: "出生日期",
  leaderOfficial: "是否党政领导干部",
  leaderApproval: "兼职审批文号（可不填）",
  leaders: "负责人",
  note: "整改情况说明",
  ref: "材料编号或链接",
};

const enLabels: Record<string, string> = {
  year: "Report year",
  activities: "Activities of the year",
  "finances.incomeCny": "Income (CNY)",
  "finances.expensesCny": "Expenses (CNY)",
  "finances.netAssetsCny": "Net assets at year end (CNY)",
  "finances.publicWelfareSpendingCny": "Public-welfare spending (CNY)",
  "finances.adminCostsCny": "Administrative costs (CNY)",
  "finances.donationsFromAbroadCny": "Donations from abroad (CNY, optional)",
  "governance.meetingsHeld": "Board meetings held",
  "governance.termStart": "Current term starts",
  "governance.termEnd": "Current term ends",
  "staff.fullTime": "Full-time staff",
  "staff.partTime": "Part-time staff",
  branches: "Branches (optional)",
  auditReportRef: "Audit report ref (optional)",
  leaderName: "Name",
  leaderRole: "Role",
  leaderBirth: "Date of birth",
  leaderOfficial: "Official",
  leaderApproval: "Approval ref (optional)",
  leaders: "Leaders",
  note: "What was rectified",
  ref: "Document ref or link",
};

export const label = (ctx: PageContext, key: string) =>
  (ctx.ui.lang === "zh" ? zhLabels : enLabels)[key] ?? ctx.ui.v(key);

/** The annual report as the API takes it, from the form's fields (numbers where they read as numbers). */
export function annualReportFromForm(v: Values): Record<string, unknown> {
  const num = (k: string) => numberOrText(v[k]);
  const leaders = [];
  for (let i = 0; i < LEADER_ROWS; i++) {
    const p = `leaders.${i}.`;
    if (!v[`${p}name`]?.trim() && !v[`${p}role`]?.trim()) continue;
    leaders.push({
      name: v[`${p}name`] ?? "",
      role: v[`${p}role`] ?? "",
      birthDate: v[`${p}birthDate`] ?? "",
      official: v[`${p}official`] || "none",
      ...(v[`${p}approvalRef`]?.trim() ? { approvalRef: v[`${p}approvalRef`] } : {}),
    });
  }
  const optional = (k: string) => (v[k]?.trim() ? { [k.split(".").pop() as string]: num(k) } : {});
  return {
    year: num("year"),
    activities: v.activities ?? "",
    finances: {
      incomeCny: num("finances.incomeCny"),
      expensesCny: num("finances.expensesCny"),
      netAssetsCny: num("finances.netAssetsCny"),
      publicWelfareSpendingCny: num("finances.publicWelfareSpendingCny"),
      adminCostsCny: num("finances.adminCostsCny"),
      ...optional("finances.donationsFromAbroadCny"),
    },
    governance: {
      meetingsHeld: num("governance.meetingsHeld"),
      termStart: v["governance.termStart"] ?? "",
      termEnd: v["governance.termEnd"] ?? "",
    },
    leaders,
    staff: { fullTime: num("staff.fullTime"), partTime: num("staff.partTime") },
    ...optional("branches"),
    ...(v.auditReportRef?.trim() ? { auditReportRef: v.auditReportRef } : {}),
  };
}

export const AnnualReportForm: FC<{
  ctx: PageContext;
  values: Values;
  problems: Problems;
  message?: string | undefined;
}> = ({ ctx, values, problems, message }) => {
  const f = (name: string, type = "text", extra: { multiline?: boolean; required?: boolean } = {}) => (
    <Field
      name={name}
      label={label(ctx, name)}
      value={values[name]}
      problems={problems}
      type={type}
      {...extra}
    />
  );
  const officialOptions = ["none", "serving", "retired"].map((o) => ({ value: o, label: ctx.ui.v(o) }));
  return (
    <form method="post" action="/portal/annual-report" novalidate>
      <Csrf ctx={ctx} />
      <ProblemSummary ctx={ctx} message={message} problems={problems} />
      {f("year", "number", { required: true })}
      {f("activities", "text", { multiline: true, required: true })}
      <fieldset>
        <legend>{ctx.ui.lang === "zh" ? "财务情况" : "Finances"}</legend>
        <div class="row">
          {f("finances.incomeCny", "number")}
          {f("finances.expensesCny", "number")}
          {f("finances.netAssetsCny", "number")}
          {f("finances.publicWelfareSpendingCny", "number")}
          {f("finances.adminCostsCny", "number")}
          {f("finances.donationsFromAbroadCny", "number")}
        </div>
      </fieldset>
      <fieldset>
        <legend>{ctx.ui.lang === "zh" ? "内部治理" : "Governance"}</legend>
        <div class="row">
          {f("governance.meetingsHeld", "number")}
          {f("governance.termStart", "date")}
          {f("governance.termEnd", "date")}
        </div>
      </fieldset>
      <fieldset>
        <legend>{label(ctx, "leaders")}</legend>
        {problems.leaders ? <p class="field-error">{problems.leaders}</p> : null}
        {Array.from({ length: LEADER_ROWS }, (_, i) => (
          <div class="row">
            <Field
              name={`leaders.${i}.name`}
              label={`${label(ctx, "leaderName")} ${i + 1}`}
              value={values[`leaders.${i}.name`]}
              problems={problems}
            />
            <Field
              name={`leaders.${i}.role`}
              label={`${label(ctx, "leaderRole")} ${i + 1}`}
              value={values[`leaders.${i}.role`]}
              problems={problems}
            />
            <Field
              name={`leaders.${i}.birthDate`}
              label={`${label(ctx, "leaderBirth")} ${i + 1}`}
              value={values[`leaders.${i}.birthDate`]}
              problems={problems}
              type="date"
            />
            <Field
              name={`leaders.${i}.official`}
              label={`${label(ctx, "leaderOfficial")} ${i + 1}`}
              value={values[`leaders.${i}.official`] ?? "none"}
              problems={problems}
              options={officialOptions}
            />
            <Field
              name={`leaders.${i}.approvalRef`}
              label={`${label(ctx, "leaderApproval")} ${i + 1}`}
              value={values[`leaders.${i}.approvalRef`]}
              problems={problems}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{ctx.ui.lang === "zh" ? "工作人员" : "Staff"}</legend>
        <div class="row">
          {f("staff.fullTime", "number")}
          {f("staff.partTime", "number")}
          {f("branches", "number")}
          {f("auditReportRef")}
        </div>
      </fieldset>
      <button type="submit">{ctx.ui.t("submit")}</button>
    </form>
  );
};

/** Materials by kind: a reference for each one filed, empty for the others. */
export function materialsFromForm(v: Values, prefix = "material"): { kind: string; ref: string }[] {
  return materialKindSchema.options
    .filter((kind) => v[`${prefix}.${kind}`]?.trim())
    .map((kind) => ({ kind, ref: (v[`${prefix}.${kind}`] ?? "").trim() }));
}

export const MaterialFields: FC<{
  ctx: PageContext;
  values: Values;
  problems: Problems;
  prefix?: string;
  kinds?: readonly string[];
}> = ({ ctx, values, problems, prefix = "material", kinds = materialKindSchema.options }) => (
  <fieldset>
    <legend>{ctx.ui.t("materials")}</legend>
    {problems.materials ? <p class="field-error">{problems.materials}</p> : null}
    {kinds.map((kind) => (
      <Field
        name={`${prefix}.${kind}`}
        label={`${ctx.ui.v(kind)}：${label(ctx, "ref")}`}
        value={values[`${prefix}.${kind}`]}
        problems={problems}
      />
    ))}
  </fieldset>
);
