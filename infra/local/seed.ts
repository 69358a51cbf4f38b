import type { Principal } from "../../shared/domain/access/policy.js";
import { addDays, addMonths, addYears, shanghaiDate } from "../../shared/domain/calendar/index.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { Grade } from "../../shared/domain/organizations/records.js";
import type { OrgType, RegistrationApplication } from "../../shared/domain/registration/index.js";
import { divisionName } from "../../shared/settings/index.js";
import { claimTask } from "../../shared/usecases/claim-task.js";
import { decideTask } from "../../shared/usecases/decide-task.js";
import { fileAnnualReport } from "../../shared/usecases/file-annual-report.js";
import { submitSupplement } from "../../shared/usecases/file-supplement.js";
import { importOrganization } from "../../shared/usecases/import-organization.js";
import { listTasks } from "../../shared/usecases/list-tasks.js";
import { startAnnualReportSeason } from "../../shared/usecases/start-annual-report-season.js";
import { submitRegistration } from "../../shared/usecases/submit-registration.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { demoSupervisoryUnit } from "./demo-people.js";
import type { LocalRuntime } from "./runtime.js";

const BUREAU = "310114";

/** The demo bureau: three Shanghai districts (闵行, 嘉定, 崇明). */
export const DEMO_DISTRICTS = ["310112", "310114", "310151"] as const;

/** Streets and towns (街道/乡镇) of the demo districts that the demo's organizations lie in, by district. */
export const DEMO_STREETS: Record<(typeof DEMO_DISTRICTS)[number], readonly string[]> = {
  "310112": ["310112001", "310112101", "310112102"], // 江川路街道, 莘庄镇, 七宝镇
  "310114": ["310114004", "310114102", "310114103"], // 嘉定镇街道, 南翔镇, 安亭镇
  "310151": ["310151101", "310151102", "310151103"], // 城桥镇, 堡镇, 新河镇
};

/** A reviewer of the district's supervisory unit (业务主管单位), who pre-reviews and consents for its organizations. */
export const demoReviewer = (district: string): Principal => ({
  role: "supervisory_unit",
  sub: `unit-${district}`,
  unit: demoSupervisoryUnit(district),
});

const TOWNS: Record<string, string[]> = {
  "310112": ["七宝", "莘庄", "颛桥", "梅陇", "虹桥", "浦江", "吴泾", "马桥", "华漕", "古美"],
  "310114": ["南翔", "马陆", "安亭", "江桥", "徐行", "华亭", "外冈", "菊园", "真新", "新成"],
  "310151": ["城桥", "陈家", "堡镇", "新河", "庙镇", "竖新", "向化", "三星", "长兴", "横沙"],
};

const KINDS: { orgType: OrgType; category: "1" | "2" | "3"; words: string[] }[] = [
  {
    orgType: "social_group",
    category: "1",
    words: ["书法协会", "体育协会", "摄影协会", "商会", "志愿者协会", "老年协会"],
  },
  {
    orgType: "social_service",
    category: "2",
    words: ["社区服务中心", "养老服务中心", "青少年活动中心", "社工服务社"],
  },
  { orgType: "foundation", category: "3", words: ["教育发展基金会", "慈善基金会"] },
];

/** Terms of the first demo organizations end 2, 4 and 6 months after the clock's today. */
const termEnd = (today: string, i: number) => addMonths(today, 2 * ((i % 3) + 1));

/** A complete application for a social service organization in 嘉定区, as the demo and the tests file it. */
export function demoApplication(overrides: Partial<RegistrationApplication> = {}): RegistrationApplication {
  return {
    orgType: "social_service",
    name: "上海市嘉定区阳光社区服务中心",
    jurisdiction: BUREAU,
    domicile: "上海市嘉定区博乐路1号",
    businessScope: "社区养老服务、志愿服务组织与培训",
    fundsCny: 50_000,
    legalRepresentative: { name: "张三", idNumber: "11010519491231002X", phone: "13800138000" },
    contact: { email: "founder@example.org", phone: "13800138001" },
    materials: [
      "application_form",
      "charter",
      "domicile_proof",
      "capital_verification",
      "leaders_resumes",
      "name_precheck",
    ].map((kind) => ({ kind, ref: `demo://${kind}.pdf` })),
    ...overrides,
  };
}

/** Runs `work` over `items`, a few at a time. */
async function inParallel<T>(items: readonly T[], work: (item: T, i: number) => Promise<unknown>, width = 6) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

interface DemoOrg {
  uscc: string;
  name: string;
  orgType: OrgType;
  jurisdiction: string;
  registeredOn: string;
  supervised: boolean;
}

/** `perDistrict` organizations in each district: all three types, grades, terms, supervisory units. */
function demoOrganizations(today: string, perDistrict: number): DemoOrg[] {
  const out: DemoOrg[] = [];
  const year = Number(today.slice(0, 4));
  for (const [d, district] of DEMO_DISTRICTS.entries()) {
    const area = `上海市${divisionName(district)}`;
    for (let i = 0; i < perDistrict; i++) {
      const kind = KINDS[i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2] as (typeof KINDS)[number];
      const town = TOWNS[district]?.[i % 10] ?? "";
      const word = kind.words[Math.floor(i / 10) % kind.words.length] as string;
      const round = Math.floor(i / (10 * kind.words.length));
      const name = `${area}${town}${round > 0 ? ["东", "西", "南", "北", "新", "青"][round % 6] : ""}${word}`;
      const body = `MJ${String(d * 10_000 + i + 100).padStart(6, "0")}`;
      out.push({
        uscc: issueUscc({ category: kind.category, division: district, organizationCodeBody: body }),
        name,
        orgType: kind.orgType,
        jurisdiction: district,
        // One in twelve registered this year, so it has no report due yet.
        registeredOn:
          i % 12 === 11 ? `${year}-0${1 + (i % 3)}-15` : `${2008 + (i % 16)}-0${1 + (i % 9)}-1${i % 10}`,
        supervised:
          i % 5 === 1 && !word.includes("商会") && !word.includes("慈善") && !word.includes("社区服务"),
      });
    }
  }
  return out;
}

const GRADES: Grade[] = ["5A", "4A", "3A", "3A", "2A", "1A"];

/** A plausible annual report; every seventh has a leader over the age limit, every eleventh an official without approval. */
export function demoReport(org: Pick<DemoOrg, "orgType">, year: number, i: number) {
  const income = 200_000 + ((i * 7919) % 5_000_000);
  const expenses = Math.round(income * 0.8);
  return {
    year,
    activities: `${year}年度开展公益活动${3 + (i % 9)}次，服务群众${200 + i * 13}人次。`,
    finances: {
      incomeCny: income,
      expensesCny: expenses,
      netAssetsCny: income - expenses + 30_000,
      publicWelfareSpendingCny: Math.round(expenses * 0.7),
      adminCostsCny: Math.round(expenses * 0.08),
    },
    governance: { meetingsHeld: 2 + (i % 3), termStart: `${year - 2}-03-01`, termEnd: `${year + 3}-02-28` },
    leaders: [
      {
        name: ["王建国", "李秀英", "陈志强", "刘芳", "赵伟"][i % 5] as string,
        role: org.orgType === "social_group" ? "会长" : "理事长",
        birthDate: i % 7 === 3 ? "1948-04-02" : `19${60 + (i % 30)}-0${1 + (i % 9)}-15`,
        official: i % 11 === 5 ? ("serving" as const) : ("none" as const),
      },
    ],
    staff: { fullTime: 2 + (i % 8), partTime: i % 5 },
  };
}

/**
 * The demo bureau for a fresh data directory, through the same use cases as the API: a few hundred
 * organizations in three districts, applications at every stage, last year's reports under review and
 * decided, the seasons of last year and this year, and the sweep's listings for reports not filed.
 */
export async function seedDemoBureau(runtime: LocalRuntime, perDistrict = 100): Promise<string | undefined> {
  const deps: Deps = runtime.deps;
  const { store } = deps;
  if (await store.getSetting<boolean>("seeded")) return undefined;
  const today = shanghaiDate(runtime.clock.now());
  const year = Number(today.slice(0, 4));
  const admin: Principal = { role: "admin", sub: "seed" };
  const officer = (jurisdiction: string): Principal => ({
    role: "regulator",
    sub: `officer-${jurisdiction}`,
    jurisdiction,
  });

  const orgs = demoOrganizations(today, perDistrict);
  await inParallel(orgs, (o, i) =>
    importOrganization(deps, admin, {
      uscc: o.uscc,
      name: o.name,
      orgType: o.orgType,
      jurisdiction: o.jurisdiction,
      registeredOn: o.registeredOn,
      domicile: `${o.name.slice(0, 6)}${(i % 90) + 1}号`,
      streetCode: DEMO_STREETS[o.jurisdiction as (typeof DEMO_DISTRICTS)[number]][i % 3] as string,
      contact: { email: `org${i + 1}@example.org`, phone: `138${String(10_000_000 + i).slice(-8)}` },
      ...(o.supervised ? { supervisoryUnit: demoSupervisoryUnit(o.jurisdiction) } : {}),
      // Terms and grades that come due within months, so the demo has reminders to send.
      term: {
        start: addYears(termEnd(today, i), -5),
        end: i % 4 === 0 ? termEnd(today, i) : addYears(today, 1 + (i % 4)),
      },
      ...(i % 3 === 0
        ? {
            grade: {
              level: GRADES[i % GRADES.length] as Grade,
              validUntil: i % 9 === 0 ? addDays(today, 45) : addYears(today, 1 + (i % 4)),
            },
          }
        : {}),
    }).catch((error: Error) => {
      if (!/already registered/.test(error.message)) throw error;
    }),
  );

  // Applications: under review, asked to supplement, supplemented, approved, rejected.
  const places = [
    "阳光",
    "春晖",
    "乐龄",
    "和美",
    "友邻",
    "安心",
    "同心",
    "晨曦",
    "暖阳",
    "康乐",
    "星光",
    "惠民",
  ];
  const applications = await Promise.all(
    places.map(async (place, i) => {
      const district = DEMO_DISTRICTS[i % 3] as string;
      const sub = i === 0 ? "demo-founder" : `founder-${i}`;
      const out = await submitRegistration(
        deps,
        { role: "org", sub },
        demoApplication({
          name: `上海市${divisionName(district)}${place}社区服务中心`,
          jurisdiction: district,
          domicile: `上海市${divisionName(district)}${place}路${i + 1}号`,
          contact: {
            email: i === 0 ? "founder@example.org" : `founder${i}@example.org`,
            phone: "13800138001",
          },
        }),
      );
      return { caseId: (out.body as { caseId: string }).caseId, district, sub };
    }),
  );
  await runtime.settled();
  const decideCase = async (caseId: string, district: string, outcome: string, reason?: string) => {
    const record = await store.getCase(caseId);
    const taskId = record?.currentTask?.taskId;
    if (!taskId) return;
    await claimTask(deps, officer(district), taskId);
    await decideTask(deps, officer(district), taskId, { outcome, ...(reason ? { reason } : {}) });
  };
  const plan: [string, string?][] = [
    ["approve"],
    ["approve"],
    ["reject", "拟任负责人不符合任职条件，住所证明与实际不符。"],
    [
      "request_supplement",
      "请补正：1. 住所使用权证明（租赁合同需经备案）；2. 验资报告原件；3. 拟任负责人简历。",
    ],
    ["request_supplement", "请补正：1. 章程草案第十二条关于理事会表决程序的表述；2. 名称预先核准通知书。"],
  ];
  for (const [i, [outcome, reason]] of plan.entries()) {
    const a = applications[i + 1];
    if (a) await decideCase(a.caseId, a.district, outcome, reason);
  }
  await runtime.settled();
  const supplied = applications[5];
  if (supplied) {
    await submitSupplement(deps, { role: "org", sub: supplied.sub }, supplied.caseId, [
      { kind: "charter", ref: "demo://charter-v2.pdf" },
      { kind: "name_precheck", ref: "demo://name-precheck.pdf" },
    ]);
  }

  // Last year's annual reports: three in four organizations file; the bureau decides some.
  const reporting = orgs.filter((o) => o.registeredOn < `${year - 1}-12-31`);
  const filers = reporting.filter((_, i) => i % 4 !== 3);
  await inParallel(filers, (o, i) =>
    fileAnnualReport(
      deps,
      { role: "org", sub: `demo-${o.uscc}`, uscc: o.uscc },
      o.uscc,
      demoReport(o, year - 1, i),
    ),
  );
  await runtime.settled();
  for (const district of DEMO_DISTRICTS) {
    const regulator = officer(district);
    // 业务主管单位初审: the district's supervisory unit consents to half of what it has to pre-review.
    const unit = demoReviewer(district);
    const pre = (await listTasks(deps, unit, "supervisory_review", "open")).items;
    await inParallel(pre.slice(0, Math.ceil(pre.length / 2)), (t) =>
      decideTask(deps, unit, t.taskId, { outcome: "consent" }),
    );
    await runtime.settled();
    const queue = (await listTasks(deps, regulator, "annual_inspection", "open")).items;
    const decided = queue.slice(0, Math.floor(queue.length * 0.6));
    await inParallel(decided, (t, i) =>
      decideTask(
        deps,
        regulator,
        t.taskId,
        i % 10 === 4
          ? { outcome: "basic_pass", reason: "财务报表未附审计报告，限期补充。" }
          : i % 25 === 9
            ? { outcome: "fail", reason: "未按章程召开理事会，内部治理不健全。" }
            : { outcome: "pass" },
      ),
    );
  }
  await runtime.settled();

  // The seasons: last year's (its non-filers are listed once its due date has passed) and this year's.
  for (const district of DEMO_DISTRICTS) {
    await startAnnualReportSeason(deps, officer(district), { year: year - 1 });
    await startAnnualReportSeason(deps, officer(district), { year });
  }
  await runtime.sweep();
  await runtime.settled();
  await store.putSetting("seeded", true);
  return (
    `${orgs.length} organizations in ${DEMO_DISTRICTS.map((d) => divisionName(d)).join("、")}, ` +
    `${applications.length} applications, ${filers.length} annual reports for ${year - 1}; sign in at /sign-in`
  );
}
