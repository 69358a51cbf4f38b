import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { type Principal, SUPERVISORY_QUEUE, worksQueues } from "../../../shared/domain/access/policy.js";
import type { Indicator } from "../../../shared/domain/assessment/index.js";
import { daysBetween, shanghaiDate } from "../../../shared/domain/calendar/index.js";
import { stepOutcomes } from "../../../shared/domain/cases/decisions.js";
import type { Queue } from "../../../shared/domain/cases/records.js";
import { NotFound, StateConflict } from "../../../shared/domain/errors.js";
import { divisionName } from "../../../shared/settings/index.js";
import { claimTask } from "../../../shared/usecases/claim-task.js";
import { decideTask } from "../../../shared/usecases/decide-task.js";
import { listAlerts } from "../../../shared/usecases/list-alerts.js";
import { listOrganizationDeadlines } from "../../../shared/usecases/list-organization-deadlines.js";
import { listRegister } from "../../../shared/usecases/list-register.js";
import { listTasks } from "../../../shared/usecases/list-tasks.js";
import { seasonCompletion } from "../../../shared/usecases/season-completion.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { regulatorTask } from "../../../shared/usecases/support/regulator-task.js";
import { viewCase } from "../../../shared/usecases/view-case.js";
import { publicRecord } from "../../../shared/usecases/view-public-record.js";
import { jurisdictionStats } from "../../../shared/usecases/view-statistics.js";
import { queueSchema } from "../../api/schemas.js";
import { CaseDetail, NoticeDocument, type NoticeKind, noticesOf } from "../case-view.js";
import {
  type FormOutcome,
  formText,
  formValues,
  numberOrText,
  pageContext,
  refusal,
  requireViewer,
  type WebEnv,
  type WebOptions,
} from "../context.js";
import { type Column, wantsXlsx, xlsxHref, xlsxResponse } from "../export.js";
import { ClockBadge, Csrf, Field, Layout, type PageContext, ProblemSummary } from "../layout.js";
import { ScoreFields, scoresFromForm } from "../portal/assessment-form.js";
import { RecordView } from "../public/lookup.js";
import { barChart, gauge, pieChart } from "./charts.js";

const QUEUES = queueSchema.options as readonly Queue[];

type TaskRow = Awaited<ReturnType<typeof listTasks>>["items"][number];

const ExportLink = ({ ctx, c }: { ctx: PageContext; c: Context }) => (
  <p class="no-print">
    <a href={xlsxHref(c)} download>
      {ctx.ui.t("exportXlsx")}
    </a>
  </p>
);

/** The regulator's console: queues, the case page, alerts, the register, the season and the dashboard. */
/** Organizations as a table: the first column's name links to the public record, the others follow it. */
function organizationTable<R extends { uscc: string; name: string }>(
  columns: Column<R>[],
  rows: readonly R[],
  cellClass: (row: R) => string = () => "",
) {
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            {columns.map((col) => (
              <th scope="col">{col.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr>
              <td>
                <a href={`/lookup/${o.uscc}`}>{o.name}</a>
              </td>
              {columns.slice(1).map((col) => (
                <td class={cellClass(o) || undefined}>{col.value(o)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One filter of a list: a labelled select of its values, "all" first unless the filter always has one. */
const FilterSelect = ({
  ctx,
  name,
  label,
  options,
  value,
  all = true,
  labelOf = ctx.ui.v,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  options: readonly string[];
  value: string;
  all?: boolean;
  labelOf?: (option: string) => string;
}) => (
  <div>
    <label for={`f-${name}`}>{label}</label>
    <select id={`f-${name}`} name={name}>
      {all ? <option value="">{ctx.ui.t("all")}</option> : null}
      {options.map((o) => (
        <option value={o} selected={o === value}>
          {labelOf(o)}
        </option>
      ))}
    </select>
  </div>
);

export function consolePages(web: Hono<WebEnv>, deps: Deps, opts: WebOptions): void {
  const page = (c: Context<WebEnv>, title: string, body: Child, status = 200, scripts = false) =>
    c.html(
      <Layout ctx={pageContext(c, opts)} title={title} scripts={scripts}>
        {body}
      </Layout>,
      status as 200,
    );
  const today = () => shanghaiDate(deps.clock.now());

  web.get("/console", async (c) => {
    const viewer = requireViewer(c, "regulator", "supervisory_unit", "admin");
    const ctx = pageContext(c, opts);
    const { t, v } = ctx.ui;
    if (viewer.role === "admin" || (viewer.role === "regulator" && !worksQueues(viewer.jurisdiction)))
      return c.redirect("/console/register", 303);
    // A supervisory unit has the one queue its organizations' pre-reviews and consents wait in.
    const queues = viewer.role === "supervisory_unit" ? [SUPERVISORY_QUEUE as Queue] : QUEUES;
    const counts = await Promise.all(
      queues.map(async (q) => ({ queue: q, tasks: (await listTasks(deps, viewer, q, "open")).items })),
    );
    const where =
      viewer.role === "supervisory_unit"
        ? viewer.unit
        : (divisionName(viewer.jurisdiction) ?? viewer.jurisdiction);
    return page(
      c,
      `${t("queues")} · ${where}`,
      <ul class="cards">
        {counts.map(({ queue, tasks }) => {
          const overdue = tasks.filter((x) => x.clock?.state === "overdue").length;
          const warning = tasks.filter((x) => x.clock?.state === "warning").length;
          return (
            <li>
              <h2>
                <a href={`/console/queues/${queue}`}>{v(queue)}</a>
              </h2>
              <p class="big">
                {tasks.length} <span class="muted">{t("openTasks")}</span>
              </p>
              {overdue > 0 ? <p class="state-overdue">{`${v("overdue")} ${overdue}`}</p> : null}
              {warning > 0 ? <p class="state-warning">{`${v("warning")} ${warning}`}</p> : null}
            </li>
          );
        })}
      </ul>,
    );
  });

  web.get("/console/queues/:queue", async (c) => {
    const viewer = requireViewer(c, "regulator", "supervisory_unit");
    const queue = queueSchema.safeParse(c.req.param("queue"));
    if (!queue.success) throw new NotFound("queue");
    const ctx = pageContext(c, opts);
    const { t, v, date } = ctx.ui;
    const items = (await listTasks(deps, viewer, queue.data, "open")).items;
    const waiting = (x: TaskRow) => daysBetween(shanghaiDate(new Date(x.openedAt)), today());
    if (wantsXlsx(c)) {
      const columns: Column<TaskRow>[] = [
        { header: t("caseId"), value: (x) => x.caseId, width: 30 },
        { header: t("step"), value: (x) => v(x.step) },
        { header: t("dueDate"), value: (x) => x.dueDate },
        { header: t("daysWaiting"), value: waiting },
        { header: t("clock"), value: (x) => v(x.clock?.state ?? "") },
        { header: t("claimedBy"), value: (x) => x.claimedBy },
      ];
      return xlsxResponse(c, `${queue.data}-${today()}`, columns, items);
    }
    return page(
      c,
      `${v(queue.data)}（${items.length}）`,
      <>
        <ExportLink ctx={ctx} c={c} />
        {items.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("caseId")}</th>
                  <th scope="col">{t("step")}</th>
                  <th scope="col">{t("dueDate")}</th>
                  <th scope="col">{t("daysWaiting")}</th>
                  <th scope="col">{t("clock")}</th>
                  <th scope="col">{t("claimedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => (
                  <tr id={`task-${x.taskId}`}>
                    <td>
                      <a href={`/console/cases/${x.caseId}`}>{x.caseId}</a>
                    </td>
                    <td>{v(x.step)}</td>
                    <td>{date(x.dueDate)}</td>
                    <td>{waiting(x)}</td>
                    <td>
                      <ClockBadge ctx={ctx} state={x.clock?.state} left={x.clock?.workingDaysLeft} />
                    </td>
                    <td>
                      {x.claimedBy ?? (
                        <form
                          method="post"
                          action={`/console/tasks/${x.taskId}/claim`}
                          hx-post={`/console/tasks/${x.taskId}/claim`}
                          hx-target="closest td"
                          hx-swap="innerHTML"
                        >
                          <Csrf ctx={ctx} />
                          <input type="hidden" name="back" value={`/console/queues/${queue.data}`} />
                          <button type="submit" class="secondary" aria-label={`${t("claim")} ${x.caseId}`}>
                            {t("claim")}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
      200,
      true,
    );
  });

  web.post("/console/tasks/:taskId/claim", async (c) => {
    const viewer = requireViewer(c, "regulator", "supervisory_unit", "admin");
    const taskId = c.req.param("taskId");
    let problem: string | undefined;
    try {
      await claimTask(deps, viewer, taskId);
    } catch (error) {
      if (!(error instanceof StateConflict)) throw error;
      problem = error.message;
    }
    if (c.req.header("hx-request"))
      return c.html(problem ? <span class="field-error">{problem}</span> : <>{viewer.sub}</>);
    const back = formText(c, "back");
    return c.redirect(back.startsWith("/console/") ? back : `/console`, 303);
  });

  web.post("/console/tasks/:taskId/decision", async (c) => {
    const viewer = requireViewer(c, "regulator", "supervisory_unit", "admin");
    const task = await regulatorTask(deps, viewer, c.req.param("taskId"));
    const values = formValues(c);
    const reason = (values.reason ?? "").trim();
    // The panel scores leaf by leaf; a re-review that changes the grade names it.
    const scores = scoresFromForm(values);
    const bonus = numberOrText(values.bonus);
    try {
      await decideTask(deps, viewer, task.taskId, {
        outcome: values.outcome ?? "",
        ...(reason ? { reason } : {}),
        ...(Object.keys(scores).length > 0 ? { scores: scores as Record<string, number> } : {}),
        ...(typeof bonus === "number" ? { bonus } : {}),
        ...(values.grade ? { grade: values.grade as "5A" } : {}),
      });
      return c.redirect(`/console/cases/${task.caseId}?done=1`, 303);
    } catch (error) {
      return casePage(c, viewer, task.caseId, refusal(error), values, 400);
    }
  });

  const casePage = async (
    c: Context<WebEnv>,
    viewer: Principal,
    caseId: string,
    outcome: FormOutcome,
    values: Record<string, string>,
    status = 200,
  ) => {
    const ctx = pageContext(c, opts);
    const { t, v, date } = ctx.ui;
    const view = await viewCase(deps, viewer, caseId);
    const task =
      view.currentTask && viewer.role !== "org"
        ? await regulatorTask(deps, viewer, view.currentTask.taskId).catch(() => undefined)
        : undefined;
    const spec = task?.status === "open" ? stepOutcomes[task.step] : undefined;
    const record = view.uscc ? await publicRecord(deps, view.uscc).catch(() => undefined) : undefined;
    // A supervisory unit reads the case it reviews, not the organization's deadlines, which are the bureau's.
    const orgDeadlines =
      view.uscc && record && viewer.role !== "supervisory_unit"
        ? (await listOrganizationDeadlines(deps, viewer, view.uscc)).items
        : [];
    return page(
      c,
      `${v(view.kind)} ${view.caseId}`,
      <>
        {c.req.query("done") ? (
          <p class="notice" role="status">
            {t("saved")}
          </p>
        ) : null}
        {task && spec ? (
          <section aria-labelledby="decide">
            <h2 id="decide">
              {t("decide")} · {v(task.step)} · {t("dueDate")} {date(task.dueDate)}
            </h2>
            {task.claimedBy ? (
              <p>
                {t("claimedBy")}：{task.claimedBy}
              </p>
            ) : (
              <form method="post" action={`/console/tasks/${task.taskId}/claim`}>
                <Csrf ctx={ctx} />
                <input type="hidden" name="back" value={`/console/cases/${view.caseId}`} />
                <button type="submit" class="secondary">
                  {t("claim")}
                </button>
              </form>
            )}
            {!task.claimedBy || task.claimedBy === viewer.sub ? (
              <form method="post" action={`/console/tasks/${task.taskId}/decision`} novalidate>
                <Csrf ctx={ctx} />
                <ProblemSummary ctx={ctx} message={outcome.message} problems={outcome.problems} />
                <fieldset aria-describedby={outcome.problems.outcome ? "f-outcome-error" : undefined}>
                  <legend>{t("outcome")}</legend>
                  {spec.outcomes.map((o) => (
                    <div>
                      <input
                        type="radio"
                        id={`f-outcome-${o}`}
                        name="outcome"
                        value={o}
                        checked={values.outcome === o}
                        required
                      />{" "}
                      <label for={`f-outcome-${o}`} style="display:inline">
                        {ctx.ui.outcome(task.step, o)}
                        {spec.reasonRequired.includes(o) ? ` (${t("reason")})` : ""}
                      </label>
                    </div>
                  ))}
                  {outcome.problems.outcome ? (
                    <p class="field-error" id="f-outcome-error">
                      {outcome.problems.outcome}
                    </p>
                  ) : null}
                </fieldset>
                {task.step === "assessment_scoring" ? (
                  <>
                    <ScoreFields
                      ctx={ctx}
                      indicators={(view.application as { indicators?: Indicator[] }).indicators ?? []}
                      prefix="scores"
                      values={values}
                      problems={outcome.problems}
                    />
                    <Field
                      name="bonus"
                      label={t("bonus")}
                      value={values.bonus}
                      problems={outcome.problems}
                      type="number"
                    />
                  </>
                ) : null}
                {task.step === "assessment_review" ? (
                  <Field
                    name="grade"
                    label={t("gradeIfChanged")}
                    value={values.grade}
                    problems={outcome.problems}
                    options={[
                      { value: "", label: "—" },
                      ...["5A", "4A", "3A", "2A", "1A"].map((g) => ({ value: g, label: g })),
                    ]}
                  />
                ) : null}
                <label for="f-reason">{t("reason")}</label>
                <textarea
                  id="f-reason"
                  name="reason"
                  aria-invalid={outcome.problems.reason ? "true" : undefined}
                  aria-describedby={outcome.problems.reason ? "f-reason-error" : undefined}
                >
                  {values.reason ?? ""}
                </textarea>
                {outcome.problems.reason ? (
                  <p class="field-error" id="f-reason-error">
                    {outcome.problems.reason}
                  </p>
                ) : null}
                <button type="submit">{t("decide")}</button>
              </form>
            ) : null}
          </section>
        ) : null}
        <CaseDetail ctx={ctx} view={view} noticeBase={`/console/cases/${view.caseId}/notices`} />
        {record ? (
          <section aria-labelledby="org-record">
            <h2 id="org-record">{t("orgRecord")}</h2>
            <RecordView ctx={ctx} r={record} />
            <h2>{t("deadlines")}</h2>
            <ul>
              {orgDeadlines.map((d) => (
                <li>
                  {v(d.kind)} · {d.ref} · {date(d.dueDate)} · {v(d.status)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>,
      status,
    );
  };

  web.get("/console/cases/:caseId", (c) => {
    const viewer = requireViewer(c, "regulator", "supervisory_unit", "admin");
    return casePage(c, viewer, c.req.param("caseId"), { problems: {} }, {});
  });

  const noticePage = async (c: Context<WebEnv>, viewer: Principal) => {
    const ctx = pageContext(c, opts);
    const view = await viewCase(deps, viewer, c.req.param("caseId") ?? "");
    const kind = c.req.param("kind") as NoticeKind;
    if (!noticesOf(view).includes(kind)) throw new NotFound("notice");
    return c.html(
      <Layout ctx={ctx} title={ctx.ui.t(`print_${kind}`)}>
        <NoticeDocument ctx={ctx} view={view} kind={kind} />
      </Layout>,
    );
  };
  web.get("/console/cases/:caseId/notices/:kind", (c) =>
    noticePage(c, requireViewer(c, "regulator", "admin")),
  );
  web.get("/portal/cases/:caseId/notices/:kind", (c) => noticePage(c, requireViewer(c, "org")));

  web.get("/console/alerts", async (c) => {
    const viewer = requireViewer(c, "regulator", "admin");
    const ctx = pageContext(c, opts);
    const { t, v, dateTime } = ctx.ui;
    const status = c.req.query("status") === "closed" ? "closed" : "open";
    const severity = c.req.query("severity") ?? "";
    const rule = c.req.query("rule") ?? "";
    const all = (await listAlerts(deps, viewer, status, c.req.query("jurisdiction"))).items;
    const items = all.filter((a) => (!severity || a.severity === severity) && (!rule || a.rule === rule));
    const rules = [...new Set(all.map((a) => a.rule))].sort();
    if (wantsXlsx(c)) {
      return xlsxResponse(
        c,
        `alerts-${today()}`,
        [
          { header: t("severity"), value: (a) => v(a.severity) },
          { header: t("rule"), value: (a) => a.rule, width: 30 },
          { header: t("uscc"), value: (a) => a.uscc },
          { header: t("explanation"), value: (a) => a.explanation, width: 60 },
          { header: t("raisedAt"), value: (a) => a.raisedAt, width: 26 },
        ],
        items,
      );
    }
    return page(
      c,
      `${t("alerts")}（${items.length}）`,
      <>
        <form method="get" action="/console/alerts" class="inline-form">
          <FilterSelect
            ctx={ctx}
            name="status"
            label={t("status")}
            options={["open", "closed"]}
            value={status}
            all={false}
          />
          <FilterSelect
            ctx={ctx}
            name="severity"
            label={t("severity")}
            options={["high", "medium", "low"]}
            value={severity}
          />
          <FilterSelect ctx={ctx} name="rule" label={t("rule")} options={rules} value={rule} />
          <button type="submit">{t("filter")}</button>
        </form>
        <ExportLink ctx={ctx} c={c} />
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("severity")}</th>
                <th scope="col">{t("rule")}</th>
                <th scope="col">{t("uscc")}</th>
                <th scope="col">{t("explanation")}</th>
                <th scope="col">{t("raisedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr>
                  <td
                    class={
                      a.severity === "high" ? "state-overdue" : a.severity === "medium" ? "state-warning" : ""
                    }
                  >
                    {v(a.severity)}
                  </td>
                  <td>{v(a.rule)}</td>
                  <td>{a.uscc ? <a href={`/lookup/${a.uscc}`}>{a.uscc}</a> : ""}</td>
                  <td>{a.explanation}</td>
                  <td>{dateTime(a.raisedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>,
    );
  });

  const JurisdictionPicker = ({
    ctx,
    viewer,
    value,
  }: {
    ctx: PageContext;
    viewer: Principal;
    value: string;
  }) => {
    const choices =
      viewer.role === "regulator" && viewer.jurisdiction.endsWith("00")
        ? ["310112", "310114", "310151"].filter((d) => d.startsWith(viewer.jurisdiction.replace(/0+$/, "")))
        : viewer.role === "admin"
          ? ["310112", "310114", "310151"]
          : [];
    if (choices.length === 0) return null;
    return (
      <div>
        <label for="f-jurisdiction">{ctx.ui.t("district")}</label>
        <select id="f-jurisdiction" name="jurisdiction">
          {choices.map((d) => (
            <option value={d} selected={d === value}>
              {divisionName(d)}
            </option>
          ))}
        </select>
      </div>
    );
  };

  const scopeOf = (c: Context<WebEnv>, viewer: Principal) =>
    c.req.query("jurisdiction") ||
    (viewer.role === "regulator" && !viewer.jurisdiction.endsWith("00") ? viewer.jurisdiction : "310114");

  web.get("/console/register", async (c) => {
    const viewer = requireViewer(c, "regulator", "admin");
    const ctx = pageContext(c, opts);
    const { t, v, date } = ctx.ui;
    const q = c.req.query("q") ?? "";
    const orgType = c.req.query("orgType") ?? "";
    const status = c.req.query("status") ?? "";
    const jurisdiction = scopeOf(c, viewer);
    const after = c.req.query("after");
    const result = await listRegister(deps, viewer, {
      jurisdiction,
      ...(q ? { q } : {}),
      ...(orgType ? { orgType } : {}),
      ...(status ? { status } : {}),
      ...(after ? { after } : {}),
      ...(wantsXlsx(c) ? { limit: 0 } : {}),
    });
    type Row = (typeof result.items)[number];
    const columns: Column<Row>[] = [
      { header: t("name"), value: (o) => o.name, width: 40 },
      { header: t("uscc"), value: (o) => o.uscc, width: 22 },
      { header: t("orgType"), value: (o) => v(o.orgType) },
      { header: t("status"), value: (o) => v(o.status) },
      { header: t("registeredOn"), value: (o) => date(o.registeredOn) },
      { header: t("grade"), value: (o) => o.grade?.level },
      { header: t("creditLists"), value: (o) => o.creditListed.map(v).join("、") },
    ];
    if (wantsXlsx(c))
      return xlsxResponse(c, `register-${result.jurisdiction}-${today()}`, columns, result.items);
    const nextHref = result.next
      ? `/console/register?${new URLSearchParams({ q, orgType, status, jurisdiction, after: result.next })}`
      : undefined;
    return page(
      c,
      `${t("register")} · ${divisionName(result.jurisdiction) ?? result.jurisdiction}`,
      <>
        <form method="get" action="/console/register" class="inline-form">
          <JurisdictionPicker ctx={ctx} viewer={viewer} value={jurisdiction} />
          <div>
            <label for="f-q">{t("name")}</label>
            <input id="f-q" name="q" type="search" value={q} />
          </div>
          <FilterSelect
            ctx={ctx}
            name="orgType"
            label={t("orgType")}
            options={["social_group", "social_service", "foundation"]}
            value={orgType}
          />
          <FilterSelect
            ctx={ctx}
            name="status"
            label={t("status")}
            options={["registered", "deregistered", "revoked"]}
            value={status}
          />
          <button type="submit">{t("filter")}</button>
        </form>
        <ExportLink ctx={ctx} c={c} />
        {organizationTable(columns, result.items)}
        {nextHref ? (
          <p>
            <a href={nextHref}>{t("next")}</a>
          </p>
        ) : null}
      </>,
    );
  });

  web.get("/console/season", async (c) => {
    const viewer = requireViewer(c, "regulator", "admin");
    const ctx = pageContext(c, opts);
    const { t, v } = ctx.ui;
    const yearParam = Number(c.req.query("year"));
    const jurisdiction = scopeOf(c, viewer);
    const result = await seasonCompletion(deps, viewer, {
      jurisdiction,
      ...(Number.isInteger(yearParam) && yearParam > 1990 ? { year: yearParam } : {}),
    });
    const show = c.req.query("show") ?? "";
    const items = result.items.filter(
      (i) => !show || (show === "not_filed" ? i.outcome === "not_filed" : i.outcome !== "not_filed"),
    );
    type Row = (typeof items)[number];
    const columns: Column<Row>[] = [
      { header: t("name"), value: (o) => o.name, width: 40 },
      { header: t("uscc"), value: (o) => o.uscc, width: 22 },
      { header: t("orgType"), value: (o) => v(o.orgType) },
      { header: t("outcome"), value: (o) => (o.outcome === "not_filed" ? t("notFiled") : v(o.outcome)) },
    ];
    if (wantsXlsx(c)) return xlsxResponse(c, `season-${result.year}-${result.jurisdiction}`, columns, items);
    const rate = result.mustReport === 0 ? 0 : Math.round((result.filed / result.mustReport) * 1000) / 10;
    return page(
      c,
      `${t("season")} ${result.year} · ${divisionName(result.jurisdiction) ?? ""}`,
      <>
        <p>
          {t("mustReport")} {result.mustReport} · {t("filed")} {result.filed} · {t("completionRate")} {rate}%
        </p>
        <form method="get" action="/console/season" class="inline-form">
          <JurisdictionPicker ctx={ctx} viewer={viewer} value={jurisdiction} />
          <div>
            <label for="f-year">{t("year")}</label>
            <input id="f-year" name="year" type="number" value={String(result.year)} />
          </div>
          <FilterSelect
            ctx={ctx}
            name="show"
            label={t("status")}
            options={["filed", "not_filed"]}
            value={show}
            labelOf={(o) => (o === "filed" ? t("filed") : t("notFiled"))}
          />
          <button type="submit">{t("filter")}</button>
        </form>
        <ExportLink ctx={ctx} c={c} />
        {organizationTable(columns, items, (o) => (o.outcome === "not_filed" ? "state-warning" : ""))}
      </>,
    );
  });

  web.get("/console/dashboard", async (c) => {
    const viewer = requireViewer(c, "regulator", "admin");
    const ctx = pageContext(c, opts);
    const { t, v } = ctx.ui;
    const yearParam = Number(c.req.query("year"));
    const stats = await jurisdictionStats(deps, viewer, {
      ...(viewer.role === "admin" ? { jurisdiction: c.req.query("jurisdiction") || "310114" } : {}),
      ...(Number.isInteger(yearParam) && yearParam > 1990 ? { year: yearParam } : {}),
    });
    const byType = Object.entries(stats.organizations.byType);
    const byStatus = Object.entries(stats.organizations.byStatus);
    const reports = stats.annualReports;
    const alertsByRule = Object.entries(
      (stats as { alertsByRule?: Record<string, number> }).alertsByRule ?? {},
    );
    const Chart = ({
      title,
      svg,
      table,
    }: {
      title: string;
      svg: string;
      table: [string, number | string][];
    }) => (
      <figure class="chart" style="margin:0">
        <figcaption>
          <h2>{title}</h2>
        </figcaption>
        <div role="img" aria-label={title} dangerouslySetInnerHTML={{ __html: svg }} />
        <table>
          <tbody>
            {table.map(([k, n]) => (
              <tr>
                <th scope="row">{k}</th>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    );
    /** A bar per row, and the rows (with their total, if any) as the table beside it. */
    const Bars = ({
      title,
      rows,
      total,
    }: {
      title: string;
      rows: [string, number][];
      total?: [string, number];
    }) => (
      <Chart
        title={title}
        svg={barChart(
          rows.map(([k]) => k),
          rows.map(([, n]) => n),
        )}
        table={total ? [...rows, total] : rows}
      />
    );
    const named = (entries: [string, number][]): [string, number][] => entries.map(([k, n]) => [v(k), n]);
    const reportRows: [string, number][] = [
      [t("mustReport"), reports.mustReport],
      [t("filed"), reports.filed],
      ...named([
        ["pass", reports.outcomes.pass],
        ["basic_pass", reports.outcomes.basic_pass],
        ["fail", reports.outcomes.fail],
        ["pending", reports.outcomes.pending],
      ]),
    ];
    return page(
      c,
      `${t("dashboard")} · ${divisionName(stats.jurisdiction) ?? stats.jurisdiction} · ${reports.year}`,
      <div class="cards" style="grid-template-columns:repeat(auto-fill,minmax(20rem,1fr))">
        <Bars
          title={t("statsRegister")}
          rows={named(byType)}
          total={[t("total"), stats.organizations.total]}
        />
        <Chart
          title={t("statsStatus")}
          svg={pieChart(byStatus.map(([k, n]) => ({ name: v(k), value: n })))}
          table={named(byStatus)}
        />
        <Bars
          title={`${t("statsReports")} · ${t("completionRate")} ${Math.round(reports.completionRate * 1000) / 10}%`}
          rows={reportRows}
        />
        <Chart
          title={t("statsGrades")}
          svg={gauge(stats.grades.shareThreeAAndAbove, "3A+")}
          table={[...Object.entries(stats.grades.byLevel).sort(), ["3A+", stats.grades.threeAAndAbove]]}
        />
        <Bars
          title={t("statsLists")}
          rows={named([
            ["abnormal", stats.creditLists.abnormal],
            ["serious", stats.creditLists.serious],
          ])}
        />
        <Bars title={t("statsAlerts")} rows={named(alertsByRule)} total={[t("total"), stats.openAlerts]} />
      </div>,
    );
  });
}
