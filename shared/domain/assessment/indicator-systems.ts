import { type Indicator, type IndicatorSystem, NATIONAL } from "./indicators.js";

// The default trees follow the structure of 民政部's 社会组织评估 indicators (社会团体, 基金会, 社会服务机构);
// a bureau issues its own per year in settings, and these stand where it has not.

const leaf = (id: string, name: string, max: number): Indicator => ({ id, name, max });
const node = (id: string, name: string, children: Indicator[]): Indicator => ({
  id,
  name,
  max: children.reduce((sum, c) => sum + c.max, 0),
  children,
});

const registrationBasics = (inspection: number, extra: Indicator[] = []) => [
  leaf("legal_status", "法人资格", 20),
  leaf("charter", "章程", 15),
  leaf("registration_filing", "登记备案", 15),
  leaf("annual_inspection", "年度检查", inspection),
  ...extra,
];

const financialManagement = (specific: Indicator[]) =>
  node("financial_management", "财务管理", [
    leaf("accounting", "会计核算", 30),
    ...specific,
    leaf("audit", "审计", 15),
  ]);

const governanceCommon = {
  planning: leaf("planning", "发展规划", 20),
  partyBuilding: leaf("party_building", "党建工作", 40),
  archives: leaf("archives_seals", "档案、证书和印章管理", 20),
  disclosure: (max: number) => leaf("information_disclosure", "信息公开", max),
};

const evaluation = (children: Indicator[]) => node("social_evaluation", "社会评价", children);

/** 社会团体: 基础条件 60, 内部治理 400, 工作绩效 400, 社会评价 140. */
const socialGroup: Indicator[] = [
  node("basic_conditions", "基础条件", registrationBasics(10)),
  node("internal_governance", "内部治理", [
    governanceCommon.planning,
    node("corporate_governance", "法人治理结构", [
      leaf("member_congress", "会员（代表）大会", 30),
      leaf("council", "理事会（常务理事会）", 40),
      leaf("supervisors", "监事（会）", 20),
      leaf("democratic_decisions", "民主决策与换届", 20),
    ]),
    governanceCommon.partyBuilding,
    leaf("human_resources", "人力资源", 50),
    leaf("leadership", "领导班子建设", 30),
    financialManagement([
      leaf("financial_rules", "财务制度", 20),
      leaf("assets", "资产管理", 20),
      leaf("tax_invoices", "税务与票据", 15),
    ]),
    governanceCommon.archives,
    governanceCommon.disclosure(30),
  ]),
  node("work_performance", "工作绩效", [
    leaf("member_services", "服务会员", 120),
    leaf("integrity", "行业自律与诚信建设", 80),
    leaf("policy_participation", "反映诉求与参与政策制定", 60),
    leaf("public_services", "承接政府转移职能和购买服务", 70),
    leaf("social_influence", "社会影响", 70),
  ]),
  evaluation([
    leaf("member_evaluation", "会员评价", 60),
    leaf("supervisory_evaluation", "业务主管单位评价", 30),
    leaf("authority_evaluation", "登记管理机关评价", 30),
    leaf("public_evaluation", "公众评价", 20),
  ]),
];

/** 基金会: 基础条件 70, 内部治理 430, 工作绩效 360, 社会评价 140. */
const foundation: Indicator[] = [
  node("basic_conditions", "基础条件", registrationBasics(20)),
  node("internal_governance", "内部治理", [
    governanceCommon.planning,
    node("corporate_governance", "法人治理结构", [
      leaf("council", "理事会", 50),
      leaf("supervisors", "监事（会）", 25),
      leaf("secretariat", "秘书处与执行机构", 25),
      leaf("democratic_decisions", "民主决策与换届", 20),
    ]),
    governanceCommon.partyBuilding,
    leaf("human_resources", "人力资源", 40),
    financialManagement([
      leaf("charitable_spending", "公益支出与管理费用", 40),
      leaf("asset_preservation", "资产保值增值", 25),
    ]),
    leaf("project_management", "项目管理", 40),
    governanceCommon.archives,
    governanceCommon.disclosure(40),
  ]),
  node("work_performance", "工作绩效", [
    leaf("charitable_projects", "公益项目", 120),
    leaf("fundraising", "募捐与资金募集", 80),
    leaf("donor_services", "捐赠人服务", 40),
    leaf("integrity", "诚信建设", 50),
    leaf("social_influence", "社会影响", 70),
  ]),
  evaluation([
    leaf("beneficiary_evaluation", "受益人评价", 50),
    leaf("donor_evaluation", "捐赠人评价", 30),
    leaf("authority_evaluation", "登记管理机关评价", 30),
    leaf("public_evaluation", "公众评价", 30),
  ]),
];

/** 社会服务机构: 基础条件 80, 内部治理 390, 业务活动和诚信建设 400, 社会评价 130. */
const socialService: Indicator[] = [
  node("basic_conditions", "基础条件", registrationBasics(15, [leaf("premises", "场所与设施", 15)])),
  node("internal_governance", "内部治理", [
    governanceCommon.planning,
    node("corporate_governance", "法人治理结构", [
      leaf("council", "理事会", 50),
      leaf("supervisors", "监事（会）", 25),
      leaf("executive", "行政负责人", 15),
      leaf("democratic_decisions", "民主决策与换届", 20),
    ]),
    governanceCommon.partyBuilding,
    leaf("human_resources", "人力资源", 60),
    financialManagement([
      leaf("financial_rules", "财务制度", 20),
      leaf("assets", "资产管理", 20),
      leaf("tax_invoices", "税务与票据", 15),
    ]),
    governanceCommon.archives,
    governanceCommon.disclosure(40),
  ]),
  node("activities_integrity", "业务活动和诚信建设", [
    leaf("service_delivery", "业务活动开展", 150),
    leaf("service_quality", "服务质量与安全管理", 80),
    leaf("integrity", "诚信建设", 80),
    leaf("public_welfare", "公益活动", 40),
    leaf("social_influence", "社会影响", 50),
  ]),
  evaluation([
    leaf("beneficiary_evaluation", "服务对象评价", 60),
    leaf("supervisory_evaluation", "业务主管单位评价", 30),
    leaf("authority_evaluation", "登记管理机关评价", 20),
    leaf("public_evaluation", "公众评价", 20),
  ]),
];

/** The national default systems, in force from 2021 until a bureau issues its own. */
export const DEFAULT_INDICATOR_SYSTEMS: readonly IndicatorSystem[] = [
  {
    version: "national-social_group-2021",
    jurisdiction: NATIONAL,
    orgType: "social_group",
    fromYear: 2021,
    maxScore: 1000,
    indicators: socialGroup,
  },
  {
    version: "national-foundation-2021",
    jurisdiction: NATIONAL,
    orgType: "foundation",
    fromYear: 2021,
    maxScore: 1000,
    indicators: foundation,
  },
  {
    version: "national-social_service-2021",
    jurisdiction: NATIONAL,
    orgType: "social_service",
    fromYear: 2021,
    maxScore: 1000,
    indicators: socialService,
  },
];
