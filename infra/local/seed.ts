import { addDays, addMonths, addYears, shanghaiDate } from "../../shared/domain/calendar/index.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { RegistrationApplication } from "../../shared/domain/registration/index.js";
import { importOrganization } from "../../shared/usecases/import-organization.js";
import { submitRegistration } from "../../shared/usecases/submit-registration.js";
import type { LocalRuntime } from "./runtime.js";

const BUREAU = "310114";

/** Terms of the demo organizations end 2, 4 and 6 months after the clock's today. */
const termEnd = (runtime: LocalRuntime, i: number) =>
  addMonths(shanghaiDate(runtime.clock.now()), 2 * (i + 1));

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

/** A demo bureau (嘉定区) for a fresh data directory: a few registered organizations and an application to review. */
export async function seedDemoBureau(runtime: LocalRuntime): Promise<string | undefined> {
  const { store } = runtime.deps;
  if (await store.getSetting<boolean>("seeded")) return undefined;
  const admin = { role: "admin" as const, sub: "seed" };
  const existing = [
    {
      name: "上海市嘉定区慈善基金会",
      orgType: "foundation" as const,
      category: "3" as const,
      body: "MJ0000010",
    },
    {
      name: "上海市嘉定区汽车行业协会",
      orgType: "social_group" as const,
      category: "1" as const,
      body: "MJ0000020",
    },
    {
      name: "上海市嘉定区安康养老服务中心",
      orgType: "social_service" as const,
      category: "2" as const,
      body: "MJ0000030",
    },
  ];
  for (const [i, o] of existing.entries()) {
    const uscc = issueUscc({
      category: o.category,
      division: BUREAU,
      organizationCodeBody: o.body.slice(0, 8),
    });
    await importOrganization(runtime.deps, admin, {
      uscc,
      name: o.name,
      orgType: o.orgType,
      jurisdiction: BUREAU,
      registeredOn: `201${i + 5}-06-0${i + 1}`,
      domicile: "上海市嘉定区",
      contact: { email: `org${i + 1}@example.org`, phone: `1380013810${i}` },
      // A term ending and a grade expiring within the year, so the demo has reminders to send.
      term: { start: addYears(termEnd(runtime, i), -5), end: termEnd(runtime, i) },
      ...(i === 0 ? { grade: { level: "4A" as const, validUntil: addDays(termEnd(runtime, i), 60) } } : {}),
    }).catch(() => undefined);
  }
  await submitRegistration(runtime.deps, { role: "org", sub: "demo-founder" }, demoApplication());
  await runtime.settled();
  await store.putSetting("seeded", true);
  return `${existing.length} organizations and 1 application in ${BUREAU} (嘉定区); sign in with POST /dev/tokens`;
}
