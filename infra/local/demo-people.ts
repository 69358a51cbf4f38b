import type { Principal } from "../../shared/domain/access/policy.js";
import { divisionName } from "../../shared/settings/index.js";

/** A person of the demo bureau, as the local provider's sign-in page offers them, with the grant they hold. */
export interface DemoPerson {
  /** What the sign-in page posts for this person. */
  key: string;
  principal: Principal;
  name: string;
  email?: string;
}

/** The divisions a demo regulator may work: three Shanghai districts and the city above them. */
export const DEMO_REGULATED = ["310114", "310112", "310151", "310000"] as const;

const OFFICERS: Record<(typeof DEMO_REGULATED)[number], string> = {
  "310114": "李敏",
  "310112": "王磊",
  "310151": "赵倩",
  "310000": "陈静",
};

/** The business supervisory unit (业务主管单位) the demo bureau's supervised organizations of a district name. */
export const demoSupervisoryUnit = (district: string): string =>
  `上海市${divisionName(district)}民政局业务主管处`;

/** The one whose reviewer the sign-in page offers: 嘉定's. */
export const DEMO_UNIT = demoSupervisoryUnit("310114");

export const regulatorOf = (division: (typeof DEMO_REGULATED)[number]): DemoPerson => ({
  key: `regulator-${division}`,
  principal: { role: "regulator", sub: `officer-${division}`, jurisdiction: division },
  name: `${OFFICERS[division]}（${divisionName(division)}民政局）`,
  email: `officer.${division}@example.gov.cn`,
});

/** A member of an organization of the register, who signs in for it. */
export const memberOf = (org: { uscc: string; name: string }): DemoPerson => ({
  key: `org-${org.uscc}`,
  principal: { role: "org", sub: `demo-${org.uscc}`, uscc: org.uscc },
  name: `${org.name}秘书处`,
});

/** Everyone but the organizations' members, whom the page lists from the register. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: "applicant",
    principal: { role: "org", sub: "demo-founder" },
    name: "张建国（申请成立）",
    email: "founder@example.org",
  },
  ...DEMO_REGULATED.map(regulatorOf),
  {
    key: "supervisory-unit",
    principal: { role: "supervisory_unit", sub: "reviewer-310114", unit: DEMO_UNIT },
    name: `周涛（${DEMO_UNIT}）`,
    email: "reviewer.310114@example.gov.cn",
  },
  {
    key: "admin",
    principal: { role: "admin", sub: "demo-admin" },
    name: "系统管理员",
    email: "admin@example.gov.cn",
  },
];
