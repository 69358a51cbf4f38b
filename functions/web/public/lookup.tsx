import type { Hono } from "hono";
import { InvalidInput } from "../../../shared/domain/errors.js";
import { divisionName } from "../../../shared/settings/index.js";
import { searchOrganizations } from "../../../shared/usecases/search-organizations.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { publicRecord } from "../../../shared/usecases/view-public-record.js";
import { pageContext, type WebEnv, type WebOptions } from "../context.js";
import { DataTable, Layout, type PageContext } from "../layout.js";

type PublicRecord = Awaited<ReturnType<typeof publicRecord>>;

const SearchForm = ({ ctx, q }: { ctx: PageContext; q: string }) => (
  <form method="get" action="/lookup" class="inline-form">
    <div>
      <label for="q">{ctx.ui.t("searchHint")}</label>
      <input id="q" name="q" type="search" value={q} required maxlength={100} />
    </div>
    <button type="submit">{ctx.ui.t("search")}</button>
  </form>
);

export const RecordView = ({ ctx, r }: { ctx: PageContext; r: PublicRecord }) => {
  const { t, v, date } = ctx.ui;
  return (
    <>
      <dl class="record">
        <dt>{t("name")}</dt>
        <dd>{r.name}</dd>
        <dt>{t("uscc")}</dt>
        <dd>{r.uscc}</dd>
        <dt>{t("orgType")}</dt>
        <dd>{v(r.orgType)}</dd>
        <dt>{t("status")}</dt>
        <dd>{v(r.status)}</dd>
        <dt>{t("jurisdiction")}</dt>
        <dd>{divisionName(r.jurisdiction) ?? r.jurisdiction}</dd>
        <dt>{t("registeredOn")}</dt>
        <dd>{date(r.registeredOn)}</dd>
        {r.domicile ? (
          <>
            <dt>{t("domicile")}</dt>
            <dd>{r.domicile}</dd>
          </>
        ) : null}
        <dt>{t("grade")}</dt>
        <dd>{r.grade ? `${r.grade.level}（${t("validUntil")} ${date(r.grade.validUntil)}）` : t("none")}</dd>
      </dl>
      <h2>{t("creditLists")}</h2>
      {r.creditLists.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul>
          {r.creditLists.map((e) => (
            <li>
              {v(e.list)} · {date(e.since)} · {e.ground}
            </li>
          ))}
        </ul>
      )}
      {r.creditListHistory.length > 0 ? (
        <>
          <h2>{t("creditHistory")}</h2>
          <ul>
            {r.creditListHistory.map((e) => (
              <li>
                {v(e.list)} · {date(e.since)} – {date(e.until)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("annualInspections")}</h2>
      {r.annualInspections.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("year")}</th>
              <th scope="col">{t("outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {r.annualInspections.map((i) => (
              <tr>
                <td>{i.year}</td>
                <td>{v(i.outcome)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};

/** 社会组织查询: anyone, no sign-in; shows what GET /organizations/{uscc} shows and nothing personal. */
export function publicPages(web: Hono<WebEnv>, deps: Deps, opts: WebOptions): void {
  web.get("/", (c) => {
    const ctx = pageContext(c, opts);
    const p = ctx.principal;
    if (p?.role === "org") return c.redirect("/portal", 303);
    if (p?.role === "regulator" || p?.role === "supervisory_unit" || p?.role === "admin")
      return c.redirect("/console", 303);
    return c.html(
      <Layout ctx={ctx} title={ctx.ui.t("lookup")}>
        <SearchForm ctx={ctx} q="" />
        {ctx.signIn ? (
          <p>
            <a href="/sign-in">{ctx.ui.t("signIn")}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });

  web.get("/lookup", async (c) => {
    const ctx = pageContext(c, opts);
    const q = c.req.query("q") ?? "";
    if (!q.trim()) {
      return c.html(
        <Layout ctx={ctx} title={ctx.ui.t("lookup")}>
          <SearchForm ctx={ctx} q="" />
        </Layout>,
      );
    }
    let items: Awaited<ReturnType<typeof searchOrganizations>>["items"] = [];
    let problem: string | undefined;
    try {
      items = (await searchOrganizations(deps, q)).items;
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      problem = error.message;
    }
    if (items.length === 1 && items[0]?.uscc === q.trim().toUpperCase()) {
      return c.redirect(`/lookup/${items[0].uscc}`, 303);
    }
    const { t, v } = ctx.ui;
    return c.html(
      <Layout ctx={ctx} title={ctx.ui.t("lookup")}>
        <SearchForm ctx={ctx} q={q} />
        {problem ? <p class="errors">{problem}</p> : null}
        <DataTable
          headers={[t("name"), t("uscc"), t("orgType"), t("status")]}
          empty={t("noResults")}
          rows={items}
        >
          {items.map((o) => (
            <tr>
              <td>
                <a href={`/lookup/${o.uscc}`}>{o.name}</a>
              </td>
              <td>{o.uscc}</td>
              <td>{v(o.orgType)}</td>
              <td>{v(o.status)}</td>
            </tr>
          ))}
        </DataTable>
      </Layout>,
    );
  });

  web.get("/lookup/:uscc", async (c) => {
    const ctx = pageContext(c, opts);
    const r = await publicRecord(deps, c.req.param("uscc"));
    return c.html(
      <Layout ctx={ctx} title={r.name}>
        <RecordView ctx={ctx} r={r} />
        <p class="no-print">
          <a href="/lookup">{ctx.ui.t("lookup")}</a>
        </p>
      </Layout>,
    );
  });
}
