import type { Context, Hono } from "hono";
import type { Child, FC } from "hono/jsx";
import type { Principal } from "../../../shared/domain/access/policy.js";
import { shanghaiDate } from "../../../shared/domain/calendar/index.js";
import { RuleRefusal } from "../../../shared/domain/errors.js";
import type { RegistrationApplication } from "../../../shared/domain/registration/index.js";
import { applyForAssessment } from "../../../shared/usecases/apply-for-assessment.js";
import { applyForChange } from "../../../shared/usecases/apply-for-change.js";
import { applyForDeregistration } from "../../../shared/usecases/apply-for-deregistration.js";
import { checkNameAvailability } from "../../../shared/usecases/check-name.js";
import { fileAnnualReport } from "../../../shared/usecases/file-annual-report.js";
import { fileEventSummary } from "../../../shared/usecases/file-event-summary.js";
import { submitRectification } from "../../../shared/usecases/file-rectification.js";
import { submitSupplement } from "../../../shared/usecases/file-supplement.js";
import { listMyCases } from "../../../shared/usecases/list-my-cases.js";
import { listNotifications } from "../../../shared/usecases/list-notifications.js";
import { listOrganizationDeadlines } from "../../../shared/usecases/list-organization-deadlines.js";
import { reportMajorEvent } from "../../../shared/usecases/report-major-event.js";
import { submitRegistration } from "../../../shared/usecases/submit-registration.js";
import { parseDeadlineId } from "../../../shared/usecases/support/deadline-writes.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { viewAssessmentIndicators } from "../../../shared/usecases/view-assessment-indicators.js";
import { viewCase } from "../../../shared/usecases/view-case.js";
import { publicRecord } from "../../../shared/usecases/view-public-record.js";
import { annualReportSchema, rectificationSchema } from "../../api/routes/annual-inspection.js";
import {
  assessmentSchema,
  changeSchema,
  deregistrationSchema,
  eventSummarySchema,
  majorEventSchema,
  nameCheckSchema,
  registrationSchema,
  supplementSchema,
} from "../../api/schemas.js";
import { CaseDetail } from "../case-view.js";
import {
  type FormOutcome,
  formValues,
  numberOrText,
  pageContext,
  refusal,
  requireViewer,
  type WebEnv,
  type WebOptions,
} from "../context.js";
import { Csrf, DataTable, Field, Layout, type PageContext, ProblemSummary } from "../layout.js";
import { RecordView } from "../public/lookup.js";
import { AssessmentForm, assessmentFromForm } from "./assessment-form.js";
import {
  AnnualReportForm,
  annualReportFromForm,
  label,
  MaterialFields,
  materialsFromForm,
  type Problems,
  type Values,
} from "./forms.js";
import {
  ChangeForm,
  changeFromForm,
  DeregistrationForm,
  deregistrationFromForm,
  EventSummaryForm,
  type FormProps,
  MajorEventForm,
  majorEventFromForm,
} from "./record-forms.js";
import { NameCheckResult, RegistrationForm, registrationFromForm } from "./registration-form.js";

/** Where an organization goes to meet a deadline. */
function deadlineLink(d: { deadlineId: string; kind: string; ref: string }): string | undefined {
  const subject = parseDeadlineId(d.deadlineId)?.subject;
  const caseId = subject?.kind === "case" ? subject.caseId : undefined;
  if (d.kind === "annual_report") return `/portal/annual-report?year=${encodeURIComponent(d.ref)}`;
  if (d.kind === "grade_expiry") return "/portal/assessment";
  if (d.kind === "event_summary" && caseId) return `/portal/cases/${caseId}/summary`;
  if (d.kind === "term_end") return "/portal/major-events";
  if (d.kind === "supplement" && caseId) return `/portal/cases/${caseId}/supplement`;
  if (d.kind === "rectification" && caseId) return `/portal/cases/${caseId}/rectification`;
  if (caseId) return `/portal/cases/${caseId}`;
  return undefined;
}

/** What an organization on a credit list does about it. */
const REMEDY: Record<string, { zh: string; en: string; href?: string }> = {
  annual_report_not_submitted: {
    zh: "补报年度工作报告后，登记管理机关核实之日起5个工作日内移出活动异常名录。",
    en: "File the missing annual report; the bureau removes the entry within 5 working days of verifying it.",
    href: "/portal/annual-report",
  },
  rectification_not_completed: {
    zh: "完成整改并提交整改报告，经核实后移出。",
    en: "Complete the rectification and file its report; the entry is removed once verified.",
    href: "/portal/cases",
  },
};

type OrgViewer = Extract<Principal, { role: "org" }>;

export function portalPages(web: Hono<WebEnv>, deps: Deps, opts: WebOptions): void {
  const html = (
    c: Context<WebEnv>,
    ctx: PageContext,
    title: string,
    body: Child,
    status = 200,
    scripts = false,
  ) =>
    c.html(
      <Layout ctx={ctx} title={title} scripts={scripts}>
        {body}
      </Layout>,
      status as 200,
    );

  web.get("/portal", async (c) => {
    const viewer = requireViewer(c, "org");
    const ctx = pageContext(c, opts);
    const { t, v } = ctx.ui;
    if (!viewer.uscc) {
      const cases = await listMyCases(deps, viewer);
      return html(c, ctx, t("myOrg"), <CaseList ctx={ctx} items={cases.items} />);
    }
    const record = await publicRecord(deps, viewer.uscc);
    return html(
      c,
      ctx,
      record.name,
      <>
        <RecordView ctx={ctx} r={record} />
        {record.creditLists.length > 0 ? (
          <section aria-labelledby="remedy">
            <h2 id="remedy">{ctx.ui.lang === "zh" ? "如何移出" : "How to leave the list"}</h2>
            <ul>
              {record.creditLists.map((e) => {
                const ground = Object.entries(REMEDY).find(([k]) => e.ground.includes(k))?.[1];
                return (
                  <li>
                    {v(e.list)}：{ground ? ground[ctx.ui.lang] : e.ground}{" "}
                    {ground?.href ? <a href={ground.href}>{t("doIt")}</a> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
        <p>
          <a href="/portal/deadlines">{t("myDeadlines")}</a> · <a href="/portal/cases">{t("myCases")}</a> ·{" "}
          <a href="/portal/notifications">{t("notifications")}</a>
        </p>
      </>,
    );
  });

  web.get("/portal/deadlines", async (c) => {
    const viewer = requireViewer(c, "org");
    const ctx = pageContext(c, opts);
    const { t, v, date } = ctx.ui;
    const items = viewer.uscc
      ? (await listOrganizationDeadlines(deps, viewer, viewer.uscc)).items.sort((a, b) =>
          a.dueDate.localeCompare(b.dueDate),
        )
      : [];
    return html(
      c,
      ctx,
      t("myDeadlines"),
      <DataTable
        headers={[t("kind"), t("ref"), t("dueDate"), t("status"), t("action")]}
        empty={t("none")}
        rows={items}
      >
        {items.map((d) => {
          const href = deadlineLink(d);
          return (
            <tr>
              <td>{v(d.kind)}</td>
              <td>{d.ref}</td>
              <td>{date(d.dueDate)}</td>
              <td>{v(d.status)}</td>
              <td>
                {href && ["open", "extended"].includes(d.status) ? <a href={href}>{t("doIt")}</a> : null}
              </td>
            </tr>
          );
        })}
      </DataTable>,
    );
  });

  web.get("/portal/cases", async (c) => {
    const viewer = requireViewer(c, "org");
    const ctx = pageContext(c, opts);
    const cases = await listMyCases(deps, viewer);
    return html(c, ctx, ctx.ui.t("myCases"), <CaseList ctx={ctx} items={cases.items} />);
  });

  web.get("/portal/cases/:caseId", async (c) => {
    const viewer = requireViewer(c, "org");
    const ctx = pageContext(c, opts);
    const view = await viewCase(deps, viewer, c.req.param("caseId"));
    const step = view.currentTask?.step;
    return html(
      c,
      ctx,
      `${ctx.ui.v(view.kind)} ${view.caseId}`,
      <>
        {c.req.query("done") ? (
          <p class="notice" role="status">
            {ctx.ui.t("saved")}
          </p>
        ) : null}
        {step === "supplement" ? (
          <p>
            <a class="button" href={`/portal/cases/${view.caseId}/supplement`}>
              {ctx.ui.t("supplement")}
            </a>
          </p>
        ) : null}
        {step === "rectification" ? (
          <p>
            <a class="button" href={`/portal/cases/${view.caseId}/rectification`}>
              {ctx.ui.t("rectification")}
            </a>
          </p>
        ) : null}
        <CaseDetail ctx={ctx} view={view} noticeBase={`/portal/cases/${view.caseId}/notices`} />
      </>,
    );
  });

  web.get("/portal/notifications", async (c) => {
    const viewer = requireViewer(c, "org");
    const ctx = pageContext(c, opts);
    const { t, v, dateTime } = ctx.ui;
    const items = viewer.uscc ? (await listNotifications(deps, viewer)).items : [];
    return html(
      c,
      ctx,
      t("notifications"),
      items.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul class="cards" style="grid-template-columns:1fr">
          {items.map((m) => (
            <li>
              <p>
                <strong>{m.subject ?? v(m.kind)}</strong>
              </p>
              <p class="muted">
                {v(m.channel)} · {dateTime(m.sentAt ?? m.createdAt)} · {v(m.status)}
              </p>
              <p style="white-space:pre-wrap">{m.text}</p>
            </li>
          ))}
        </ul>
      ),
    );
  });

  // 年度工作报告
  const annualReportPage = (c: Context<WebEnv>, values: Values, outcome: FormOutcome, status = 200) => {
    const ctx = pageContext(c, opts);
    return html(
      c,
      ctx,
      ctx.ui.t("annualReport"),
      <AnnualReportForm ctx={ctx} values={values} problems={outcome.problems} message={outcome.message} />,
      status,
    );
  };

  web.get("/portal/annual-report", (c) => {
    requireViewer(c, "org");
    const lastYear = Number(shanghaiDate(deps.clock.now()).slice(0, 4)) - 1;
    const year = String(numberOrText(c.req.query("year")) ?? lastYear);
    return annualReportPage(c, { year }, { problems: {} });
  });

  web.post("/portal/annual-report", async (c) => {
    const viewer = requireViewer(c, "org");
    const values = formValues(c);
    try {
      const report = annualReportSchema.parse(annualReportFromForm(values));
      const out = await fileAnnualReport(deps, viewer, viewer.uscc ?? "", report);
      const caseId = (out.body as { caseId: string }).caseId;
      return c.redirect(`/portal/cases/${caseId}?done=1`, 303);
    } catch (error) {
      const outcome = refusal(error);
      return annualReportPage(c, values, outcome, 400);
    }
  });

  /**
   * A form page about one of the organization's cases: its fields, filed through one use case, then the
   * case again; or why not, beside the fields. `fields` reads the case, so another's case is not found.
   */
  const caseFiling = (
    step: string,
    title: (ctx: PageContext, caseId: string) => string,
    fields: (
      ctx: PageContext,
      viewer: OrgViewer,
      caseId: string,
      values: Values,
      problems: Problems,
    ) => Promise<Child>,
    file: (viewer: OrgViewer, caseId: string, values: Values) => Promise<unknown>,
  ) => {
    const show = async (c: Context<WebEnv>, values: Values, outcome: FormOutcome, status = 200) => {
      const viewer = requireViewer(c, "org");
      const caseId = c.req.param("caseId") ?? "";
      const ctx = pageContext(c, opts);
      const inside = await fields(ctx, viewer, caseId, values, outcome.problems);
      return html(
        c,
        ctx,
        title(ctx, caseId),
        <form method="post" action={`/portal/cases/${caseId}/${step}`} novalidate>
          <Csrf ctx={ctx} />
          <ProblemSummary ctx={ctx} message={outcome.message} problems={outcome.problems} />
          {inside}
          <button type="submit">{ctx.ui.t("submit")}</button>
        </form>,
        status,
      );
    };
    const path = `/portal/cases/:caseId/${step}`;
    web.get(path, (c) => show(c, {}, { problems: {} }));
    web.post(path, async (c) => {
      const viewer = requireViewer(c, "org");
      const caseId = c.req.param("caseId") ?? "";
      const values = formValues(c);
      try {
        await file(viewer, caseId, values);
        return c.redirect(`/portal/cases/${caseId}?done=1`, 303);
      } catch (error) {
        return show(c, values, refusal(error), 400);
      }
    });
  };

  // 补正: the materials asked for, beside what the regulator said.
  caseFiling(
    "supplement",
    (ctx, caseId) => `${ctx.ui.t("supplement")} ${caseId}`,
    async (ctx, viewer, caseId, values, problems) => {
      const view = await viewCase(deps, viewer, caseId);
      const asked = view.timeline.filter((e) => e.action === "decision:request_supplement").at(-1)?.note;
      return (
        <>
          {asked ? (
            <p>
              <strong>{ctx.ui.t("reason")}：</strong>
              {asked}
            </p>
          ) : null}
          <MaterialFields ctx={ctx} values={values} problems={problems} />
        </>
      );
    },
    (viewer, caseId, values) => {
      const body = supplementSchema.parse({ materials: materialsFromForm(values) });
      return submitSupplement(deps, viewer, caseId, body.materials);
    },
  );

  // 整改: what was done, and the evidence of it.
  caseFiling(
    "rectification",
    (ctx, caseId) => `${ctx.ui.t("rectification")} ${caseId}`,
    async (ctx, viewer, caseId, values, problems) => {
      await viewCase(deps, viewer, caseId);
      return (
        <>
          <Field
            name="note"
            label={label(ctx, "note")}
            value={values.note}
            problems={problems}
            multiline
            required
          />
          {[0, 1, 2].map((i) => (
            <div class="row">
              <Field
                name={`evidence.${i}.kind`}
                label={`${ctx.ui.t("evidence")} ${i + 1}：${ctx.ui.t("kind")}`}
                value={values[`evidence.${i}.kind`]}
                problems={problems}
              />
              <Field
                name={`evidence.${i}.ref`}
                label={`${ctx.ui.t("evidence")} ${i + 1}：${label(ctx, "ref")}`}
                value={values[`evidence.${i}.ref`]}
                problems={problems}
              />
            </div>
          ))}
        </>
      );
    },
    (viewer, caseId, values) => {
      const evidence = [0, 1, 2]
        .filter((i) => values[`evidence.${i}.kind`]?.trim() || values[`evidence.${i}.ref`]?.trim())
        .map((i) => ({ kind: values[`evidence.${i}.kind`] ?? "", ref: values[`evidence.${i}.ref`] ?? "" }));
      return submitRectification(
        deps,
        viewer,
        caseId,
        rectificationSchema.parse({ note: values.note ?? "", evidence }),
      );
    },
  );

  // 成立登记
  const registrationPage = (c: Context<WebEnv>, values: Values, outcome: FormOutcome, status = 200) => {
    const ctx = pageContext(c, opts);
    return html(
      c,
      ctx,
      ctx.ui.t("apply"),
      <RegistrationForm ctx={ctx} values={values} problems={outcome.problems} message={outcome.message} />,
      status,
      true,
    );
  };

  /**
   * A form page that files through one use case and opens the case it made, or shows why not beside the
   * fields. `formFor` gives the form for this organization (some are built on records of its own).
   */
  const filing = (
    path: string,
    title: (ctx: PageContext) => string,
    formFor: (viewer: OrgViewer) => FC<FormProps> | Promise<FC<FormProps>>,
    file: (viewer: OrgViewer, values: Values) => Promise<{ body: unknown }>,
  ) => {
    const show = async (c: Context<WebEnv>, values: Values, outcome: FormOutcome, status = 200) => {
      const viewer = requireViewer(c, "org");
      const ctx = pageContext(c, opts);
      const Form = await formFor(viewer);
      return html(
        c,
        ctx,
        title(ctx),
        <Form ctx={ctx} values={values} problems={outcome.problems} message={outcome.message} />,
        status,
      );
    };
    web.get(path, (c) => show(c, {}, { problems: {} }));
    web.post(path, async (c) => {
      const viewer = requireViewer(c, "org");
      const values = formValues(c);
      try {
        const out = await file(viewer, values);
        return c.redirect(`/portal/cases/${(out.body as { caseId: string }).caseId}?done=1`, 303);
      } catch (error) {
        return show(c, values, refusal(error), error instanceof RuleRefusal ? 422 : 400);
      }
    });
  };

  // 等级评估: the self-assessment on the indicator tree in force for this organization's type, and the materials.
  filing(
    "/portal/assessment",
    (ctx) => ctx.ui.v("assessment"),
    async (viewer) => {
      const org = await deps.store.getOrganization(viewer.uscc ?? "");
      const tree = await viewAssessmentIndicators(deps, viewer, {
        orgType: org?.orgType ?? "social_group",
        ...(org ? { jurisdiction: org.jurisdiction } : {}),
      });
      return (props: FormProps) => (
        <AssessmentForm {...props} indicators={tree.indicators} maxScore={tree.maxScore} />
      );
    },
    (viewer, v) =>
      applyForAssessment(deps, viewer, viewer.uscc ?? "", assessmentSchema.parse(assessmentFromForm(v))),
  );

  // 重大事项报告, 变更登记, 注销登记.
  filing(
    "/portal/major-events",
    (ctx) => ctx.ui.v("major_event"),
    () => MajorEventForm,
    (viewer, v) =>
      reportMajorEvent(deps, viewer, viewer.uscc ?? "", majorEventSchema.parse(majorEventFromForm(v))),
  );
  filing(
    "/portal/changes",
    (ctx) => ctx.ui.v("change"),
    () => ChangeForm,
    (viewer, v) => applyForChange(deps, viewer, viewer.uscc ?? "", changeSchema.parse(changeFromForm(v))),
  );
  filing(
    "/portal/deregistration",
    (ctx) => ctx.ui.v("deregistration"),
    () => DeregistrationForm,
    (viewer, v) =>
      applyForDeregistration(
        deps,
        viewer,
        viewer.uscc ?? "",
        deregistrationSchema.parse(deregistrationFromForm(v)),
      ),
  );

  // The after-event summary of a major event reported in advance.
  const summaryPage = (
    c: Context<WebEnv>,
    caseId: string,
    values: Values,
    outcome: FormOutcome,
    status = 200,
  ) => {
    requireViewer(c, "org");
    const ctx = pageContext(c, opts);
    return html(
      c,
      ctx,
      `${ctx.ui.v("event_summary")} ${caseId}`,
      <EventSummaryForm
        ctx={ctx}
        caseId={caseId}
        values={values}
        problems={outcome.problems}
        message={outcome.message}
      />,
      status,
    );
  };
  web.get("/portal/cases/:caseId/summary", (c) =>
    summaryPage(c, c.req.param("caseId"), {}, { problems: {} }),
  );
  web.post("/portal/cases/:caseId/summary", async (c) => {
    const viewer = requireViewer(c, "org");
    const caseId = c.req.param("caseId");
    const values = formValues(c);
    try {
      await fileEventSummary(
        deps,
        viewer,
        caseId,
        eventSummarySchema.parse({ text: values.text ?? "" }).text,
      );
      return c.redirect(`/portal/cases/${caseId}?done=1`, 303);
    } catch (error) {
      return summaryPage(c, caseId, values, refusal(error), 400);
    }
  });

  // 名称核准 as the applicant types (htmx), or with the form's check button when scripts are off.
  web.post("/portal/name-check", async (c) => {
    const viewer = requireViewer(c, "org");
    const values = formValues(c);
    const ctx = pageContext(c, opts);
    const parsed = nameCheckSchema.safeParse({
      orgType: values.orgType,
      jurisdiction: values.jurisdiction,
      name: values.name ?? "",
    });
    const result = parsed.success ? await checkNameAvailability(deps, viewer, parsed.data) : undefined;
    if (c.req.header("hx-request")) return c.html(<NameCheckResult ctx={ctx} result={result} />);
    return html(
      c,
      ctx,
      ctx.ui.t("apply"),
      <RegistrationForm ctx={ctx} values={values} problems={{}} nameCheck={result} />,
      200,
      true,
    );
  });

  web.get("/portal/registration", (c) => {
    requireViewer(c, "org");
    return registrationPage(c, { orgType: "social_group", jurisdiction: "310114" }, { problems: {} });
  });

  web.post("/portal/registration", async (c) => {
    const viewer = requireViewer(c, "org");
    const values = formValues(c);
    try {
      const application = registrationSchema.parse(registrationFromForm(values)) as RegistrationApplication;
      const out = await submitRegistration(deps, viewer, application);
      return c.redirect(`/portal/cases/${(out.body as { caseId: string }).caseId}?done=1`, 303);
    } catch (error) {
      return registrationPage(c, values, refusal(error), 400);
    }
  });
}

const CaseList = ({
  ctx,
  items,
}: {
  ctx: PageContext;
  items: { caseId: string; kind: string; status: string; createdAt: string }[];
}) => {
  const { t, v, dateTime } = ctx.ui;
  if (items.length === 0) return <p>{t("none")}</p>;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("caseId")}</th>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("at")}</th>
          </tr>
        </thead>
        <tbody>
          {[...items]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((i) => (
              <tr>
                <td>
                  <a href={`/portal/cases/${i.caseId}`}>{i.caseId}</a>
                </td>
                <td>{v(i.kind)}</td>
                <td>{v(i.status)}</td>
                <td>{dateTime(i.createdAt)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
};
