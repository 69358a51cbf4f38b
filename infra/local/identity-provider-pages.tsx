import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import { divisionName } from "../../shared/settings/index.js";
import { DEMO_PEOPLE, DEMO_REGULATED } from "./demo-people.js";

const STYLE = `
body{font:16px/1.6 "Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1b1b}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:0 0 .5rem}
section{background:#fff;border:1px solid #c9d1d9;border-radius:6px;padding:1rem;margin:1rem 0}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
select,input{font:inherit;width:100%;max-width:100%;box-sizing:border-box;padding:.4rem;border:1px solid #57606a;border-radius:4px}
button{font:inherit;margin:.6rem .4rem 0 0;padding:.45rem .9rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}
button:focus-visible,select:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f0a30a;outline-offset:2px}
.note{color:#444}
`;

const Page: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style>{raw(STYLE)}</style>
    </head>
    <body>
      <main>{children}</main>
    </body>
  </html>
);

const html = async (node: { toString(): string | Promise<string> }) =>
  `<!doctype html>${await node.toString()}`;

/**
 * The local provider's sign-in page: a newcomer picks a person of the demo bureau (an organization's
 * member, an applicant, a regulator of a district or the city, a supervisory unit's reviewer, an admin),
 * or types any subject, which then holds no grant until one is given.
 */
export function loginPage(uid: string, organizations: readonly { uscc: string; name: string }[]) {
  const action = `/interaction/${uid}/login`;
  const others = DEMO_PEOPLE.filter((p) => p.principal.role !== "regulator");
  return html(
    <Page title="本地身份提供方 · 登录">
      <h1>本地身份提供方</h1>
      <p class="note">
        选择一个演示身份登录（仅本地运行）。<span lang="en">Pick a demo identity (local runtime only).</span>
      </p>
      <form method="post" action={action}>
        <section aria-labelledby="h-org">
          <h2 id="h-org">社会组织成员</h2>
          {organizations.length > 0 ? (
            <>
              <label for="org">社会组织</label>
              <select id="org" name="org">
                {organizations.map((o) => (
                  <option value={o.uscc}>
                    {o.name}（{o.uscc}）
                  </option>
                ))}
              </select>
              <button type="submit" name="who" value="org">
                登录：社会组织成员
              </button>
            </>
          ) : (
            <p>登记册中还没有社会组织。</p>
          )}
        </section>
        <section aria-labelledby="h-regulator">
          <h2 id="h-regulator">登记管理机关</h2>
          <label for="division">辖区</label>
          <select id="division" name="division">
            {DEMO_REGULATED.map((d) => (
              <option value={d}>
                {divisionName(d)}（{d}）
              </option>
            ))}
          </select>
          <button type="submit" name="who" value="regulator">
            登录：登记管理机关
          </button>
        </section>
        <section aria-labelledby="h-others">
          <h2 id="h-others">其他演示身份</h2>
          {others.map((p) => (
            <button type="submit" name="who" value={p.key}>
              登录：{p.name}
            </button>
          ))}
        </section>
      </form>
      <form method="post" action={action}>
        <section aria-labelledby="h-typed">
          <h2 id="h-typed">其他用户（没有授权）</h2>
          <label for="sub">用户标识（sub）</label>
          <input id="sub" name="sub" required autocomplete="username" />
          <label for="email">电子邮箱（可不填）</label>
          <input id="email" name="email" type="email" autocomplete="email" />
          <button type="submit">登录</button>
        </section>
      </form>
    </Page>,
  );
}

/** The provider's own sign-out, after the app has ended its session. */
export function logoutPage(form: string) {
  return html(
    <Page title="本地身份提供方 · 退出">
      <h1>退出本地身份提供方</h1>
      <p>您已退出 socorg。是否同时退出本地身份提供方？</p>
      {raw(form)}
      <button type="submit" form="op.logoutForm" name="logout" value="yes">
        退出
      </button>
    </Page>,
  );
}

/** A request the page cannot serve, said plainly. */
export function refusalPage(message: string) {
  return html(
    <Page title="本地身份提供方 · 无法登录">
      <h1>无法登录</h1>
      <p role="alert">{message}</p>
    </Page>,
  );
}
