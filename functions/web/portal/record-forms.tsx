import type { FC } from "hono/jsx";
import { majorEventTypeSchema } from "../../../shared/settings/index.js";
import { numberOrText } from "../context.js";
import { Csrf, Field, type PageContext, ProblemSummary } from "../layout.js";
import { MaterialFields, materialsFromForm, type Problems, type Values } from "./forms.js";

const LABELS: Record<string, [string, string]> = {
  eventType: ["事项类型", "Event type"],
  eventDate: ["事项发生（举行）日期", "Date of the event"],
  title: ["事项名称", "Title"],
  details: ["事项内容", "Details"],
  text: ["总结报告", "Summary report"],
  "changes.name": ["新名称（不变更可不填）", "New name (blank: unchanged)"],
  "changes.domicile": ["新住所（可不填）", "New domicile (optional)"],
  "changes.streetCode": [
    "新住所所在街道/乡镇代码（9位，可不填）",
    "Its street or town code (9 digits, optional)",
  ],
  "changes.businessScope": ["新业务范围（可不填）", "New business scope (optional)"],
  "changes.fundsCny": ["新注册资金（元，可不填）", "New registered funds (CNY, optional)"],
  "changes.supervisoryUnit": ["新业务主管单位（可不填）", "New supervisory unit (optional)"],
  "changes.legalRepresentative.name": ["新法定代表人姓名（可不填）", "New legal representative (optional)"],
  "changes.legalRepresentative.idNumber": ["新法定代表人身份证号码", "Their resident ID number"],
  "changes.legalRepresentative.phone": ["新法定代表人手机", "Their mobile"],
  reason: ["注销原因", "Why the organization ends"],
  "liquidation.reportRef": ["清算报告编号或链接", "Liquidation report ref"],
  "liquidation.completedOn": ["清算完成日期", "Liquidation completed on"],
};

const labelOf = (ctx: PageContext, k: string) =>
  (LABELS[k] ?? [k, k])[ctx.ui.lang === "zh" ? 0 : 1] as string;

const fieldsOf =
  (ctx: PageContext, values: Values, problems: Problems) =>
  (name: string, type = "text", multiline = false) => (
    <Field
      name={name}
      label={labelOf(ctx, name)}
      value={values[name]}
      problems={problems}
      type={type}
      multiline={multiline}
    />
  );

export interface FormProps {
  ctx: PageContext;
  values: Values;
  problems: Problems;
  message?: string | undefined;
}

/** 重大事项报告 as the API takes it. */
export const majorEventFromForm = (v: Values) => ({
  eventType: v.eventType ?? "",
  eventDate: v.eventDate ?? "",
  title: v.title ?? "",
  details: v.details ?? "",
});

export const MajorEventForm: FC<FormProps> = ({ ctx, values, problems, message }) => {
  const f = fieldsOf(ctx, values, problems);
  return (
    <form method="post" action="/portal/major-events" novalidate>
      <Csrf ctx={ctx} />
      <ProblemSummary ctx={ctx} message={message} problems={problems} />
      <Field
        name="eventType"
        label={labelOf(ctx, "eventType")}
        value={values.eventType}
        problems={problems}
        options={majorEventTypeSchema.options.map((o) => ({ value: o, label: ctx.ui.v(o) }))}
      />
      {f("eventDate", "date")}
      {f("title")}
      {f("details", "text", true)}
      <button type="submit">{ctx.ui.t("submit")}</button>
    </form>
  );
};

export const EventSummaryForm: FC<FormProps & { caseId: string }> = ({
  ctx,
  values,
  problems,
  message,
  caseId,
}) => (
  <form method="post" action={`/portal/cases/${caseId}/summary`} novalidate>
    <Csrf ctx={ctx} />
    <ProblemSummary ctx={ctx} message={message} problems={problems} />
    {fieldsOf(ctx, values, problems)("text", "text", true)}
    <button type="submit">{ctx.ui.t("submit")}</button>
  </form>
);

/** 变更登记: only the fields filled in are changes. */
export function changeFromForm(v: Values): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const k of ["name", "domicile", "streetCode", "businessScope", "supervisoryUnit"]) {
    const value = v[`changes.${k}`]?.trim();
    if (value) changes[k] = value;
  }
  const funds = numberOrText(v["changes.fundsCny"]);
  if (funds !== undefined) changes.fundsCny = funds;
  if (v["changes.legalRepresentative.name"]?.trim()) {
    changes.legalRepresentative = {
      name: v["changes.legalRepresentative.name"],
      idNumber: v["changes.legalRepresentative.idNumber"] ?? "",
      phone: v["changes.legalRepresentative.phone"] ?? "",
    };
  }
  return { changes, materials: materialsFromForm(v) };
}

export const ChangeForm: FC<FormProps> = ({ ctx, values, problems, message }) => {
  const f = fieldsOf(ctx, values, problems);
  return (
    <form method="post" action="/portal/changes" novalidate>
      <Csrf ctx={ctx} />
      <ProblemSummary ctx={ctx} message={message} problems={problems} />
      {problems.changes ? <p class="field-error">{problems.changes}</p> : null}
      {f("changes.name")}
      {f("changes.domicile")}
      {f("changes.streetCode")}
      {f("changes.businessScope", "text", true)}
      {f("changes.fundsCny", "number")}
      {f("changes.supervisoryUnit")}
      <fieldset>
        <legend>{ctx.ui.lang === "zh" ? "法定代表人变更" : "A new legal representative"}</legend>
        <div class="row">
          {f("changes.legalRepresentative.name")}
          {f("changes.legalRepresentative.idNumber")}
          {f("changes.legalRepresentative.phone", "tel")}
        </div>
      </fieldset>
      <MaterialFields ctx={ctx} values={values} problems={problems} />
      <button type="submit">{ctx.ui.t("submit")}</button>
    </form>
  );
};

/** 注销登记 after the liquidation. */
export const deregistrationFromForm = (v: Values) => ({
  reason: v.reason ?? "",
  liquidation: {
    reportRef: v["liquidation.reportRef"] ?? "",
    completedOn: v["liquidation.completedOn"] ?? "",
  },
  materials: materialsFromForm(v),
});

export const DeregistrationForm: FC<FormProps> = ({ ctx, values, problems, message }) => {
  const f = fieldsOf(ctx, values, problems);
  return (
    <form method="post" action="/portal/deregistration" novalidate>
      <Csrf ctx={ctx} />
      <ProblemSummary ctx={ctx} message={message} problems={problems} />
      {f("reason", "text", true)}
      {f("liquidation.reportRef")}
      {f("liquidation.completedOn", "date")}
      <MaterialFields ctx={ctx} values={values} problems={problems} />
      <button type="submit">{ctx.ui.t("submit")}</button>
    </form>
  );
};
