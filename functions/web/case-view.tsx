import type { FC } from "hono/jsx";
import { divisionName } from "../../shared/settings/index.js";
import type { CaseView } from "../../shared/usecases/view-case.js";
import type { PageContext } from "./layout.js";

export type NoticeKind = "accept" | "supplement" | "approve" | "reject";

/** The written notices a case has produced so far (《行政许可法》第三十二、三十八条). */
export function noticesOf(view: CaseView): NoticeKind[] {
  if (view.kind !== "registration") return [];
  const out: NoticeKind[] = ["accept"];
  const actions = new Set(view.timeline.map((e) => e.action));
  if (actions.has("decision:request_supplement")) out.push("supplement");
  if (actions.has("decision:approve")) out.push("approve");
  if (actions.has("decision:reject")) out.push("reject");
  return out;
}

const actorText = (ctx: PageContext, actor: string) => {
  const [kind, ...rest] = actor.split(":");
  return rest.length === 0 ? ctx.ui.v(actor) : `${ctx.ui.v(kind ?? "")} ${rest.join(":")}`;
};

const actionText = (ctx: PageContext, action: string) =>
  action.startsWith("decision:") ? `${ctx.ui.t("outcome")}：${ctx.ui.v(action.slice(9))}` : ctx.ui.v(action);

export const Timeline: FC<{ ctx: PageContext; events: CaseView["timeline"] }> = ({ ctx, events }) => {
  const { t, dateTime } = ctx.ui;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("at")}</th>
            <th scope="col">{t("actor")}</th>
            <th scope="col">{t("action")}</th>
            <th scope="col">{t("note")}</th>
          </tr>
        </thead>
        <tbody>
          {[...events]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((e) => (
              <tr>
                <td>{dateTime(e.at)}</td>
                <td>{actorText(ctx, e.actor)}</td>
                <td>{actionText(ctx, e.action)}</td>
                <td>{e.note ?? ""}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
};

/** A case as its applicant and its regulator both see it: state, materials, deadlines, timeline, notices. */
export const CaseDetail: FC<{ ctx: PageContext; view: CaseView; noticeBase: string }> = ({
  ctx,
  view,
  noticeBase,
}) => {
  const { t, v, date } = ctx.ui;
  const app = (view.application ?? {}) as {
    name?: string;
    orgType?: string;
    materials?: { kind: string; ref: string }[];
    year?: number;
    eventType?: string;
    eventDate?: string;
    title?: string;
    details?: string;
    timing?: string;
    summary?: { text: string };
    changes?: Record<string, unknown>;
    reason?: string;
    liquidation?: { reportRef: string; completedOn: string };
  };
  const zh = ctx.ui.lang === "zh";
  // What the organization filed, in the terms of its kind of case.
  const row = (label: string, value: string | undefined): [string, string][] =>
    value ? [[label, value]] : [];
  const filed: [string, string][] = [
    ...row(zh ? "事项类型" : "Event type", app.eventType && v(app.eventType)),
    ...row(zh ? "事项日期" : "Event date", app.eventDate && date(app.eventDate)),
    ...row(zh ? "事项名称" : "Title", app.title),
    ...row(zh ? "事项内容" : "Details", app.details),
    ...row(
      zh ? "报告时限" : "Timing",
      app.timing && (app.timing === "late" ? (zh ? "逾期报告" : "Late") : zh ? "按时报告" : "On time"),
    ),
    ...row(zh ? "总结报告" : "Summary", app.summary?.text),
    ...Object.entries(app.changes ?? {}).flatMap(([field, to]) =>
      row(
        `${zh ? "变更" : "Change"} ${field}`,
        typeof to === "object" && to !== null ? (to as { name?: string }).name : String(to),
      ),
    ),
    ...row(zh ? "原因" : "Reason", app.reason),
    ...row(zh ? "清算完成" : "Liquidation completed", app.liquidation && date(app.liquidation.completedOn)),
  ];
  const notices = noticesOf(view);
  return (
    <>
      <dl class="record">
        <dt>{t("caseId")}</dt>
        <dd>{view.caseId}</dd>
        <dt>{t("kind")}</dt>
        <dd>{v(view.kind)}</dd>
        <dt>{t("status")}</dt>
        <dd>{v(view.status)}</dd>
        {app.name ? (
          <>
            <dt>{t("name")}</dt>
            <dd>{app.name}</dd>
          </>
        ) : null}
        {view.uscc ? (
          <>
            <dt>{t("uscc")}</dt>
            <dd>{view.uscc}</dd>
          </>
        ) : null}
        {app.year ? (
          <>
            <dt>{t("year")}</dt>
            <dd>{app.year}</dd>
          </>
        ) : null}
        {filed.map(([k, value]) => (
          <>
            <dt>{k}</dt>
            <dd style="white-space:pre-wrap">{value}</dd>
          </>
        ))}
        <dt>{t("jurisdiction")}</dt>
        <dd>{divisionName(view.jurisdiction) ?? view.jurisdiction}</dd>
        {view.certificate ? (
          <>
            <dt>{ctx.ui.lang === "zh" ? "登记证书" : "Certificate"}</dt>
            <dd>
              {view.certificate.uscc} · {date(view.certificate.issuedOn)}
            </dd>
          </>
        ) : null}
      </dl>
      {app.materials && app.materials.length > 0 ? (
        <>
          <h2>{t("materials")}</h2>
          <ul>
            {app.materials.map((m) => (
              <li>
                {v(m.kind)}：{m.ref}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("deadlines")}</h2>
      {view.deadlines.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul>
          {view.deadlines.map((d) => (
            <li>
              {v(d.kind)} · {date(d.dueDate)} · {v(d.status)}
            </li>
          ))}
        </ul>
      )}
      {notices.length > 0 ? (
        <>
          <h2>{t("notices")}</h2>
          <ul>
            {notices.map((n) => (
              <li>
                <a href={`${noticeBase}/${n}`}>{t(`print_${n}`)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("timeline")}</h2>
      <Timeline ctx={ctx} events={view.timeline} />
    </>
  );
};

/** A notice as the bureau issues it on paper: the decision, its reasons, and how to appeal. */
export const NoticeDocument: FC<{ ctx: PageContext; view: CaseView; kind: NoticeKind }> = ({
  ctx,
  view,
  kind,
}) => {
  const { t, date } = ctx.ui;
  const app = (view.application ?? {}) as { name?: string; materials?: { kind: string; ref: string }[] };
  const bureau = `${divisionName(view.jurisdiction) ?? view.jurisdiction}民政局`;
  const event = (action: string) => view.timeline.filter((e) => e.action === action).at(-1);
  const on = (at: string | undefined) =>
    date(at ? new Date(new Date(at).getTime() + 8 * 3600_000).toISOString() : undefined);
  const limit = view.deadlines.find((d) => d.kind === "decision_limit");
  const supplementDue = view.deadlines.find((d) => d.kind === "supplement");
  const decided = event(
    `decision:${kind === "accept" ? "" : kind === "supplement" ? "request_supplement" : kind}`,
  );
  return (
    <article class="document">
      <p class="no-print muted">{ctx.ui.lang === "zh" ? "打印本页：Ctrl+P" : "Print this page: Ctrl+P"}</p>
      <h1>{t(`print_${kind}`)}</h1>
      <p>{ctx.ui.lang === "zh" ? `编号：${view.caseId}` : `No. ${view.caseId}`}</p>
      <p>{app.name ?? ""}：</p>
      {kind === "accept" ? (
        <p>
          你（单位）于{on(view.createdAt)}提出的{app.name}
          成立登记申请，申请材料齐全、符合法定形式，本机关决定予以受理。 本机关将于{date(limit?.dueDate)}
          前作出是否准予登记的决定。
        </p>
      ) : null}
      {kind === "supplement" ? (
        <>
          <p>
            你（单位）提出的{app.name}
            成立登记申请，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条，请于
            {date(supplementDue?.dueDate)}前一次补正以下全部内容：
          </p>
          <p style="white-space:pre-wrap;border:1px solid #999;padding:.5rem">{decided?.note ?? ""}</p>
          <p>逾期不补正的，视为放弃申请。补正期间不计入审查期限。</p>
        </>
      ) : null}
      {kind === "approve" ? (
        <p>
          你（单位）提出的{app.name}
          成立登记申请，经审查，符合法定条件，根据有关规定，决定准予登记。统一社会信用代码：
          {view.uscc ?? view.certificate?.uscc ?? ""}。
        </p>
      ) : null}
      {kind === "reject" ? (
        <>
          <p>你（单位）提出的{app.name}成立登记申请，经审查，决定不予登记。理由如下：</p>
          <p style="white-space:pre-wrap;border:1px solid #999;padding:.5rem">{decided?.note ?? ""}</p>
          <p>
            如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。
          </p>
        </>
      ) : null}
      <p class="seal">
        {bureau}
        <br />
        {on(kind === "accept" ? view.createdAt : decided?.at)}
      </p>
    </article>
  );
};
