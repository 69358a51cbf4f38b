import type { FC } from "hono/jsx";
import { divisionName } from "../../../shared/settings/index.js";
import type { checkNameAvailability } from "../../../shared/usecases/check-name.js";
import { numberOrText } from "../context.js";
import { Csrf, Field, type PageContext, ProblemSummary } from "../layout.js";
import { DEMO_DIVISIONS } from "../sign-in.js";
import { MaterialFields, materialsFromForm, type Problems, type Values } from "./forms.js";

const LABELS: Record<string, [string, string]> = {
  orgType: ["组织类型", "Type"],
  name: ["名称", "Name"],
  jurisdiction: ["登记管理机关（辖区）", "Registration authority (district)"],
  domicile: ["住所", "Domicile"],
  streetCode: [
    "住所所在街道/乡镇代码（9位，可不填）",
    "Street or town code of the domicile (9 digits, optional)",
  ],
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
    ...(v.streetCode?.trim() ? { streetCode: v.streetCode.trim() } : {}),
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

type NameCheck = Awaited<ReturnType<typeof checkNameAvailability>>;

/** What the name check found: free to use, or each problem and each name it is the same as or too close to. */
export const NameCheckResult: FC<{ ctx: PageContext; result: NameCheck | undefined }> = ({ ctx, result }) => {
  const zh = ctx.ui.lang === "zh";
  if (!result)
    return (
      <p class="muted">
        {zh ? "请选择类型和辖区并填写名称。" : "Choose the type and district and type a name."}
      </p>
    );
  if (result.available && result.problems.length === 0) {
    return <p class="notice">{zh ? `“${result.name}”可以使用。` : `“${result.name}” is available.`}</p>;
  }
  return (
    <ul class="field-error">
      {result.problems.map((p) => (
        <li>{p.message}</li>
      ))}
      {result.conflicts.map((c) => (
        <li>
          {c.match === "same"
            ? zh
              ? "与已有名称相同："
              : "The same as: "
            : zh
              ? "与已有名称相近："
              : "Too close to: "}
          {c.name}
        </li>
      ))}
    </ul>
  );
};

export const RegistrationForm: FC<{
  ctx: PageContext;
  values: Values;
  problems: Problems;
  message?: string | undefined;
  nameCheck?: NameCheck | undefined;
}> = ({ ctx, values, problems, message, nameCheck }) => {
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
      <div>
        <label for="f-name">{l("name")}</label>
        <input
          id="f-name"
          name="name"
          value={values.name ?? ""}
          aria-invalid={problems.name ? "true" : undefined}
          aria-describedby={problems.name ? "f-name-error name-check" : "name-check"}
          hx-post="/portal/name-check"
          hx-trigger="input changed delay:400ms"
          hx-include="[name=orgType],[name=jurisdiction],[name=_csrf]"
          hx-target="#name-check"
        />
        {problems.name ? (
          <p class="field-error" id="f-name-error">
            {problems.name}
          </p>
        ) : null}
        <div id="name-check" aria-live="polite">
          {nameCheck ? <NameCheckResult ctx={ctx} result={nameCheck} /> : null}
        </div>
        <button type="submit" class="secondary" formaction="/portal/name-check">
          {ctx.ui.lang === "zh" ? "核查名称" : "Check the name"}
        </button>
      </div>
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
      {f("streetCode")}
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
