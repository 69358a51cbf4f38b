import type { FC } from "hono/jsx";
import { divisionName } from "../../../shared/settings/index.js";
import { numberOrText } from "../context.js";
import { Csrf, Field, type PageContext, ProblemSummary } from "../layout.js";
import { DEMO_DIVISIONS } from "../sign-in.js";
import { MaterialFields, materialsFromForm, type Problems, type Values } from "./forms.js";

const LABELS: Record<string, [string, string]> = {
  orgType: ["组织类型", "Type"],
  name: ["名称", "Name"],
  jurisdiction: ["登记管理机关（辖区）", "Registration authority (district)"],
  domicile: ["住所", "Domicile"],
  businessScope: ["业务范围", "Business scope"],
  fundsCny: ["注册资金（元）", "Registered funds (CNY)"],
  "legalRepresentative.name": ["法定代表人姓名", "Legal representative"],
  "legalRepresentative.idNumber": ["法定代表人身份证号码", "Their resident ID number"],
  "legalRepresentative.phone": ["法定代表人手机", "Their mobile"],
  "contact.email": ["联系邮箱", "Contact email"],
  "contact.phone": ["联系手机", "Contact mobile"],
  supervisoryUnit: ["业务主管单位（可不填）", "Supervisory unit (optional)"],
  "members.individual": ["个人会员数（社会团体）", "Individual members (social groups)"],
  "members.unit": ["单位会员数（社会团体）", "Unit members (social groups)"],
};

/** The application as the API takes it, from the form's fields. */
export function registrationFromForm(v: Values): Record<string, unknown> {
  const members =
    v["members.individual"]?.trim() || v["members.unit"]?.trim()
      ? {
          members: {
            individual: numberOrText(v["members.individual"]) ?? 0,
            unit: numberOrText(v["members.unit"]) ?? 0,
          },
        }
      : {};
  return {
    orgType: v.orgType ?? "",
    name: v.name ?? "",
    jurisdiction: v.jurisdiction ?? "",
    domicile: v.domicile ?? "",
    businessScope: v.businessScope ?? "",
    fundsCny: numberOrText(v.fundsCny),
    legalRepresentative: {
      name: v["legalRepresentative.name"] ?? "",
      idNumber: v["legalRepresentative.idNumber"] ?? "",
      phone: v["legalRepresentative.phone"] ?? "",
    },
    contact: { email: v["contact.email"] ?? "", phone: v["contact.phone"] ?? "" },
    ...(v.supervisoryUnit?.trim() ? { supervisoryUnit: v.supervisoryUnit } : {}),
    ...members,
    materials: materialsFromForm(v),
  };
}

export const RegistrationForm: FC<{
  ctx: PageContext;
  values: Values;
  problems: Problems;
  message?: string | undefined;
}> = ({ ctx, values, problems, message }) => {
  const l = (k: string) => (LABELS[k] ?? [k, k])[ctx.ui.lang === "zh" ? 0 : 1];
  const f = (name: string, type = "text", multiline = false) => (
    <Field
      name={name}
      label={l(name)}
      value={values[name]}
      problems={problems}
      type={type}
      multiline={multiline}
    />
  );
  return (
    <form method="post" action="/portal/registration" novalidate>
      <Csrf ctx={ctx} />
      <ProblemSummary ctx={ctx} message={message} problems={problems} />
      <Field
        name="orgType"
        label={l("orgType")}
        value={values.orgType}
        problems={problems}
        options={["social_group", "social_service", "foundation"].map((o) => ({
          value: o,
          label: ctx.ui.v(o),
        }))}
      />
      {f("name")}
      <Field
        name="jurisdiction"
        label={l("jurisdiction")}
        value={values.jurisdiction}
        problems={problems}
        options={DEMO_DIVISIONS.filter((d) => d !== "310000").map((d) => ({
          value: d,
          label: `${divisionName(d)}（${d}）`,
        }))}
      />
      {f("domicile")}
      {f("businessScope", "text", true)}
      {f("fundsCny", "number")}
      <fieldset>
        <legend>{ctx.ui.lang === "zh" ? "法定代表人与联系方式" : "Representative and contact"}</legend>
        <div class="row">
          {f("legalRepresentative.name")}
          {f("legalRepresentative.idNumber")}
          {f("legalRepresentative.phone", "tel")}
          {f("contact.email", "email")}
          {f("contact.phone", "tel")}
        </div>
      </fieldset>
      {f("supervisoryUnit")}
      <div class="row">
        {f("members.individual", "number")}
        {f("members.unit", "number")}
      </div>
      <MaterialFields ctx={ctx} values={values} problems={problems} />
      <button type="submit">{ctx.ui.t("submit")}</button>
    </form>
  );
};
