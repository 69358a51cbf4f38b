import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { importOrganization } from "../../shared/usecases/import-organization.js";
import { type Harness, startHarness } from "../integration/harness.js";

const axeSource: string = createRequire(import.meta.url)("axe-core").source;
const RESULTS = join(process.cwd(), "test-results");
const NAME = "上海市嘉定区南翔书法协会";
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ000077" });

let h: Harness;
let server: ServerType;
let base: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  // The server listens first, so the local provider can be told the pages' callback on its port.
  let app: Harness["runtime"]["app"] | undefined;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch: (req) => (app ? app.fetch(req) : new Response("starting", { status: 503 })),
        port: 0,
        hostname: "127.0.0.1",
      },
      () => resolve(s),
    );
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00", redirectUris: [`${base}/sign-in/callback`] });
  app = h.runtime.app;
  await importOrganization(
    h.runtime.deps,
    { role: "admin", sub: "e2e" },
    {
      uscc,
      name: NAME,
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2016-05-10",
      domicile: "上海市嘉定区南翔镇民主街1号",
      contact: { email: "calligraphy@example.org", phone: "13800138077" },
    },
  );
  // Debian's Chromium, with no background traffic: the network here is closed. Playwright gives it a
  // fresh empty profile directory of its own on every launch.
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await h?.stop();
});

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  return context.newPage();
}

/** Signs in as a person does: the app sends the browser to the provider's page, where they pick who they are. */
async function signIn(page: Page, role: "org" | "regulator") {
  await page.goto(`${base}/sign-in`);
  expect(page.url().startsWith(`${h.runtime.tokens.issuer}/interaction/`)).toBe(true);
  if (role === "org") {
    await page.getByLabel("社会组织", { exact: true }).selectOption(uscc);
    await page.getByRole("button", { name: "登录：社会组织成员" }).click();
  } else {
    await page.getByLabel("辖区").selectOption("310114");
    await page.getByRole("button", { name: "登录：登记管理机关" }).click();
  }
  await page.waitForURL((url) => url.href.startsWith(base));
  await page.waitForLoadState("domcontentloaded");
}

/** No serious or critical axe-core violation on the page as it stands. */
async function expectAccessible(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  const grave = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(grave, page.url()).toEqual([]);
}

async function screenshots(path: string, name: string, signInAs?: "org" | "regulator") {
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["375", PHONE],
  ] as const) {
    const page = await newPage(viewport);
    if (signInAs) await signIn(page, signInAs);
    await page.goto(`${base}${path}`);
    await page.screenshot({ path: join(RESULTS, `${name}-${size}.png`), fullPage: true });
    if (size === "375") {
      // Usable at 375 px: nothing wider than the screen but the tables, which scroll in their own box.
      const overflow = (await page.evaluate(
        "document.documentElement.scrollWidth - window.innerWidth",
      )) as number;
      expect(overflow, `${path} at 375 px`).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  }
}

describe("the pages in Chromium", () => {
  let caseId = "";

  it("an organization files its annual report, seeing a refused field's message beside it first", async () => {
    const page = await newPage();
    await signIn(page, "org");
    await page.goto(`${base}/portal/annual-report?year=2025`);
    await page.getByLabel("年度业务活动情况").fill("举办书法展览两次，公益讲座十二场。");
    await page.getByLabel("本年收入（元）").fill("300000");
    await page.getByLabel("本年支出（元）").fill("250000");
    await page.getByLabel("年末净资产（元）").fill("120000");
    await page.getByLabel("公益事业支出（元）").fill("260000");
    await page.getByLabel("管理费用（元）").fill("20000");
    await page.getByLabel("召开理事会（会员大会）次数").fill("2");
    await page.getByLabel("本届任期开始日期").fill("2023-01-01");
    await page.getByLabel("本届任期结束日期").fill("2027-12-31");
    await page.getByLabel("姓名 1").fill("周文华");
    await page.getByLabel("职务 1").fill("会长");
    await page.getByLabel("出生日期 1").fill("1965-08-20");
    await page.getByLabel("专职工作人员（人）").fill("3");
    await page.getByLabel("兼职工作人员（人）").fill("2");
    await page.getByRole("button", { name: "提交" }).click();

    const field = page.getByLabel("公益事业支出（元）");
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    const message = page.locator("#f-finances-publicWelfareSpendingCny-error");
    expect(await message.textContent()).toContain("more than the year's expenses");
    // The message sits right after its field, and the field names it as its description.
    expect(await field.getAttribute("aria-describedby")).toContain(
      "f-finances-publicWelfareSpendingCny-error",
    );
    expect(await page.getByLabel("年度业务活动情况").inputValue()).toBe("举办书法展览两次，公益讲座十二场。");
    await page.screenshot({ path: join(RESULTS, "annual-report-refused-desktop.png"), fullPage: true });
    await expectAccessible(page);

    await field.fill("200000");
    await page.getByRole("button", { name: "提交" }).click();
    await page.waitForURL(/\/portal\/cases\/AIR/);
    caseId = /\/portal\/cases\/([^?]+)/.exec(page.url())?.[1] ?? "";
    expect(await page.getByRole("status").textContent()).toContain("已提交");
    await page.context().close();
  });

  it("a regulator finds the report in the queue, claims and approves it", async () => {
    await h.runtime.settled();
    const page = await newPage();
    await signIn(page, "regulator");
    await page.getByRole("link", { name: "年度检查" }).click();
    const row = page.locator("tr", { has: page.getByRole("link", { name: caseId }) });
    await expect.poll(() => row.count()).toBe(1);
    await expectAccessible(page);
    await row.getByRole("button", { name: /认领/ }).click();
    await expect.poll(() => row.textContent()).toContain("officer-310114");
    await row.getByRole("link", { name: caseId }).click();
    await page.getByLabel("合格", { exact: true }).check();
    await page.getByRole("button", { name: "作出决定" }).click();
    await page.waitForURL(/done=1/);
    expect(await page.locator("main").textContent()).toContain("决定：合格");
    await expectAccessible(page);
    await page.context().close();
  });

  it("the organization sees the outcome and the notification", async () => {
    await h.runtime.settled();
    const page = await newPage();
    await signIn(page, "org");
    await page.goto(`${base}/portal/cases/${caseId}`);
    expect(await page.locator("main").textContent()).toContain("年检完成");
    await page.goto(`${base}/portal`);
    expect(await page.locator("main").textContent()).toMatch(/2025\s*合格/);
    await page.getByRole("link", { name: "通知" }).first().click();
    expect(await page.locator("main").textContent()).toContain("合格");
    await expectAccessible(page);
    await page.context().close();
  });

  it("the public lookup finds the organization by name", async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/lookup`);
    await page.getByLabel("统一社会信用代码或名称").fill("南翔书法");
    await page.getByRole("button", { name: "查询" }).click();
    await page.getByRole("link", { name: NAME }).click();
    expect(await page.locator("main").textContent()).toContain(uscc);
    expect(await page.locator("main").textContent()).not.toContain("13800138077");
    await expectAccessible(page);
    await page.context().close();
  });

  const mainPages: [name: string, path: () => string, signInAs?: "org" | "regulator"][] = [
    // The local provider's sign-in page, where /sign-in leads.
    ["sign-in", () => "/sign-in"],
    ["lookup", () => "/lookup"],
    ["public-record", () => `/lookup/${uscc}`],
    ["portal", () => "/portal", "org"],
    ["portal-deadlines", () => "/portal/deadlines", "org"],
    ["annual-report", () => "/portal/annual-report", "org"],
    ["console", () => "/console", "regulator"],
    ["queue", () => "/console/queues/annual_inspection", "regulator"],
    ["case", () => `/console/cases/${caseId}`, "regulator"],
    ["register", () => "/console/register", "regulator"],
    ["alerts", () => "/console/alerts", "regulator"],
    ["dashboard", () => "/console/dashboard", "regulator"],
  ];
  it.each(mainPages)(
    "the %s page passes axe and is written under test-results/ at desktop width and at 375 px",
    async (name, path, signInAs) => {
      await screenshots(path(), name, signInAs);
      const page = await newPage();
      if (signInAs) await signIn(page, signInAs);
      await page.goto(`${base}${path()}`);
      await expectAccessible(page);
      await page.context().close();
    },
  );
});
