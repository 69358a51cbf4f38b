/**
 * A realistic, deterministic export of existing organizations in the CSV format import-csv.ts reads
 * (columns: ORGANIZATION_CSV_COLUMNS; orgType as a code or a Chinese name; empty cells are absent values).
 *
 *   npm run -s sample:csv -- 1000 [--jurisdiction 310114] [--seed 1] [--bad 0] > orgs.csv
 *   npm run sample:csv -- 1000 --out orgs.csv
 *
 * (-s because npm prints its "> socorg sample:csv" banner on stdout, which would land in the file.)
 * The same options give the same bytes. Emails use the reserved example.* domains so no notice reaches anyone.
 */
import { realpathSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { addDays, addYears, daysBetween, type IsoDate } from "../../shared/domain/calendar/index.js";
import {
  categoryOfOrganizationType,
  issueUscc,
  USCC_ALPHABET,
} from "../../shared/domain/identifiers/index.js";
import type { OrgType } from "../../shared/domain/registration/index.js";
import { areaNames, divisionName } from "../../shared/settings/index.js";
import { toCsv } from "./csv.js";
import { ORGANIZATION_CSV_COLUMNS, type OrganizationCsvColumn } from "./import-csv.js";

export interface SampleOptions {
  count: number;
  jurisdiction?: string;
  seed?: number;
  /** Rows with one defect each, spread evenly through the file. */
  badRows?: number;
  /** The day the export is taken: grades and terms are current on it. */
  asOf?: IsoDate;
}

export type SampleDefect =
  | "uscc_check_digit"
  | "unknown_org_type"
  | "malformed_date"
  | "bad_id_number"
  | "bad_email";

/** Each defect and the column the importer must name for it. */
export const DEFECT_FIELDS: Readonly<Record<SampleDefect, OrganizationCsvColumn>> = {
  uscc_check_digit: "uscc",
  unknown_org_type: "orgType",
  malformed_date: "registeredOn",
  bad_id_number: "legalRepIdNumber",
  bad_email: "contactEmail",
};

const DEFECTS = Object.keys(DEFECT_FIELDS) as SampleDefect[];

export interface SampleOrganizations {
  header: OrganizationCsvColumn[];
  rows: string[][];
  /** Defective rows by index into rows. */
  defects: { row: number; defect: SampleDefect; field: OrganizationCsvColumn }[];
}

type Random = () => number;

/** mulberry32: a small seeded PRNG, so a seed always gives the same file. */
function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("pick from an empty list");
  return item;
}

const dateBetween = (random: Random, from: IsoDate, to: IsoDate): IsoDate =>
  addDays(from, int(random, 0, daysBetween(from, to)));

interface Kind {
  orgType: OrgType;
  word: string;
  /** Field (the middle of the name) and the business scope that goes with it. */
  fields: Readonly<Record<string, string>>;
  /** A second item some scopes list. */
  extraScope: string;
  /** 业务主管单位 by field, else the kind's default; none means direct registration (直接登记). */
  supervisors?: Readonly<Record<string, string>>;
  defaultSupervisor?: string;
  /** Social service organizations and foundations usually carry a trade name (字号). */
  tradeName?: boolean;
}

const KINDS: readonly Kind[] = [
  {
    orgType: "social_group",
    word: "协会",
    fields: {
      汽车行业: "行业自律、行业标准制定、信息交流与咨询服务",
      餐饮烹饪行业: "行业自律、厨师技能培训、食品安全宣传",
      物流行业: "行业自律、行业统计、从业人员培训",
      物业管理行业: "行业自律、物业服务标准推广、纠纷调解",
      集成电路行业: "产业研究、技术交流、人才培训与对接服务",
      民宿行业: "行业自律、服务标准推广、宣传推介",
      建筑业: "行业自律、安全生产宣传、从业人员培训",
      房地产业: "行业自律、市场研究、政策咨询",
      家政服务业: "家政服务标准推广、从业人员培训与诚信建设",
      美容美发行业: "行业自律、技能培训与竞赛",
      软件行业: "产业研究、技术交流与人才培训",
      医药行业: "行业自律、药品安全宣传与从业人员培训",
      模具行业: "技术交流、标准推广与展会组织",
      新能源汽车产业: "产业研究、技术交流与产业链对接",
      花卉行业: "品种推广、技术培训与展会组织",
      广告行业: "行业自律、广告合规培训与交流",
    },
    extraScope: "承接政府购买服务",
  },
  {
    orgType: "social_group",
    word: "协会",
    fields: {
      书法家: "组织会员开展书法创作、展览与交流",
      摄影家: "组织会员开展摄影创作、展览与培训",
      老年人体育: "组织开展老年人体育健身活动与竞赛",
      围棋: "围棋普及推广、竞赛组织与教练培训",
      志愿者: "志愿者招募、培训与志愿服务项目组织",
      作家: "组织会员开展文学创作、研讨与采风",
      音乐家: "组织会员开展音乐创作、演出与交流",
      美术家: "组织会员开展美术创作、展览与交流",
      象棋: "象棋普及推广、竞赛组织与培训",
      乒乓球: "乒乓球运动普及、竞赛组织与培训",
      武术: "武术运动普及、竞赛组织与教练培训",
      钓鱼: "钓鱼运动推广、竞赛组织与生态保护宣传",
      收藏: "收藏鉴赏交流、展览与知识普及",
      诗词: "诗词创作交流、吟诵活动与普及",
    },
    extraScope: "开展公益性社会活动",
    supervisors: {
      书法家: "文化和旅游局",
      摄影家: "文化和旅游局",
      老年人体育: "体育局",
      围棋: "体育局",
      志愿者: "精神文明建设委员会办公室",
      作家: "文学艺术界联合会",
      音乐家: "文学艺术界联合会",
      美术家: "文学艺术界联合会",
      象棋: "体育局",
      乒乓球: "体育局",
      武术: "体育局",
      钓鱼: "体育局",
      收藏: "文化和旅游局",
      诗词: "文学艺术界联合会",
    },
  },
  {
    orgType: "social_group",
    word: "学会",
    fields: {
      医: "医学学术交流、继续医学教育、健康科普",
      护理: "护理学术交流、专业培训与科普宣传",
      中医药: "中医药学术研究、交流与科普推广",
      心理: "心理学学术交流、心理健康科普与培训",
      会计: "会计理论研究、学术交流与继续教育",
      地方志: "地方志编纂研究、史料收集与学术交流",
      土木建筑: "土木建筑学术交流、技术咨询与科普",
      人工智能: "人工智能学术交流、科学普及与技术咨询",
      药学: "药学学术交流、合理用药科普与继续教育",
      预防医学: "预防医学学术交流、健康教育与培训",
      统计: "统计理论研究、学术交流与业务培训",
      法学: "法学理论研究、学术交流与法治宣传",
      园林: "园林绿化学术交流、技术咨询与科普",
      计算机: "计算机学术交流、科学普及与技术培训",
    },
    extraScope: "编辑出版学术资料",
    defaultSupervisor: "科学技术协会",
  },
  {
    orgType: "social_group",
    word: "商会",
    fields: {
      温州: "为会员提供政策咨询、商务交流与权益维护服务",
      福建: "为会员提供政策咨询、投资对接与权益维护服务",
      安徽: "为会员提供商务交流、招商引资与权益维护服务",
      汽车零部件: "行业交流、市场信息与会员权益维护",
      电子商务: "行业交流、人才培训与会员权益维护",
      浙江: "为会员提供政策咨询、商务交流与权益维护服务",
      江苏: "为会员提供政策咨询、商务交流与权益维护服务",
      湖南: "为会员提供政策咨询、投资对接与权益维护服务",
      四川: "为会员提供政策咨询、投资对接与权益维护服务",
      台州: "为会员提供商务交流、招商引资与权益维护服务",
      五金机电: "行业交流、市场信息与会员权益维护",
      建材: "行业交流、市场信息与会员权益维护",
    },
    extraScope: "组织会员参与公益慈善活动",
  },
  {
    orgType: "social_group",
    word: "促进会",
    fields: {
      文化发展: "文化项目策划、交流合作与咨询服务",
      科技创业: "创业辅导、技术交流与项目对接",
      旅游发展: "旅游资源推介、行业交流与咨询服务",
      社区教育: "社区教育课程开发、师资培训与交流",
      民营经济: "民营企业调查研究、政策咨询与交流合作",
      体育产业: "体育产业调查研究、项目推介与交流合作",
      健康产业: "健康产业交流合作、项目对接与咨询服务",
      人才发展: "人才培养交流、就业创业指导与咨询服务",
      老龄事业发展: "为老服务研究、交流合作与公益项目推广",
      非物质文化遗产保护: "非遗项目调查、传承推广与展示交流",
    },
    extraScope: "开展调查研究",
    supervisors: {
      社区教育: "教育局",
      文化发展: "文化和旅游局",
      非物质文化遗产保护: "文化和旅游局",
      老龄事业发展: "民政局",
    },
  },
  {
    orgType: "social_service",
    word: "中心",
    fields: {
      社区服务: "社区志愿服务组织、社区活动策划与培训",
      养老服务: "机构养老、日间照料与助餐服务",
      青少年发展: "青少年课外活动、成长辅导与家庭支持",
      心理健康服务: "心理咨询、心理健康讲座与危机干预转介",
      社会工作服务: "个案辅导、小组工作与社区活动策划",
      残疾人康复: "残疾人康复训练、照护培训与家庭支持",
      家庭教育指导: "家庭教育讲座、亲子活动与家长咨询",
    },
    extraScope: "承接政府购买服务项目",
    defaultSupervisor: "民政局",
    tradeName: true,
  },
  {
    orgType: "social_service",
    word: "服务社",
    fields: {
      社区睦邻: "睦邻点运营、邻里互助活动与社区议事协助",
      助老: "居家养老上门服务、助餐助浴与探访关爱",
      社工: "社会工作专业服务与社区矫正协助",
      居家养老: "居家养老上门服务、家政照护与康复指导",
    },
    extraScope: "志愿者培训",
    defaultSupervisor: "民政局",
    tradeName: true,
  },
  {
    orgType: "social_service",
    word: "学校",
    fields: {
      艺术培训: "音乐、舞蹈、美术等非学历艺术培训",
      职业技能培训: "职业技能培训与考前辅导",
      书画培训: "书法、国画等非学历培训",
      外语培训: "英语、日语等非学历外语培训",
    },
    extraScope: "教学研究与交流",
    defaultSupervisor: "教育局",
    tradeName: true,
  },
  {
    orgType: "foundation",
    word: "基金会",
    fields: {
      教育发展: "资助教育事业、奖教奖学与助学帮困",
      慈善: "扶老助残、救灾救助与社区公益项目资助",
      青少年发展: "资助青少年成长、素质教育与困难学生帮扶",
      文化艺术: "资助文化艺术创作、展演与传承保护",
      科技创新: "资助科学研究、人才培养与成果推广",
      医疗救助: "资助困难患者医疗救助与健康公益项目",
      环境保护: "资助环境保护宣传教育与生态修复项目",
    },
    extraScope: "开展与宗旨相符的公益活动",
    tradeName: true,
  },
];

// Weights: most registered organizations are social groups and social service organizations.
const KIND_WEIGHTS = [14, 10, 10, 8, 8, 18, 8, 10, 14] as const;

const TRADE_NAMES = [
  "阳光",
  "春晖",
  "启明",
  "同心",
  "和睦",
  "晨曦",
  "乐龄",
  "益友",
  "彩虹",
  "恒爱",
  "明德",
  "博雅",
];

const TOWNS: Readonly<Record<string, readonly string[]>> = {
  "310114": [
    "嘉定镇街道",
    "新成路街道",
    "真新街道",
    "菊园新区",
    "南翔镇",
    "安亭镇",
    "马陆镇",
    "徐行镇",
    "华亭镇",
    "外冈镇",
    "江桥镇",
    "嘉定工业区",
  ],
  "310112": [
    "江川路街道",
    "古美路街道",
    "莘庄镇",
    "七宝镇",
    "颛桥镇",
    "华漕镇",
    "虹桥镇",
    "梅陇镇",
    "吴泾镇",
    "马桥镇",
    "浦江镇",
  ],
  "320582": ["杨舍镇", "塘桥镇", "金港街道", "锦丰镇", "乐余镇", "凤凰镇", "南丰镇", "大新镇"],
  "310151": ["城桥镇", "堡镇", "新河镇", "庙镇", "竖新镇", "陈家镇", "长兴镇", "横沙乡"],
};

const ROADS = [
  "博乐路",
  "城中路",
  "清河路",
  "塔城路",
  "沪宜公路",
  "嘉戬公路",
  "曹安公路",
  "墨玉路",
  "叶城路",
  "胜辛路",
  "白银路",
  "洪德路",
];

const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "吴",
  "周",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "何",
  "沈",
  "陆",
  "顾",
];
const GIVEN = [
  "伟",
  "芳",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "建国",
  "志强",
  "海燕",
  "国华",
  "晓东",
  "文静",
  "立新",
  "美华",
];

// Divisions legal representatives' ID numbers were issued in.
const ID_DIVISIONS = ["310114", "310112", "320582"] as const;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11643 check character of the first 17 digits of a resident ID number. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  ID_WEIGHTS.forEach((w, i) => {
    sum += Number(first17.charAt(i)) * w;
  });
  return "10X98765432".charAt(sum % 11);
}

function residentId(random: Random): string {
  const birth = dateBetween(random, "1950-01-01", "1990-12-31").replaceAll("-", "");
  const first17 = `${pick(random, ID_DIVISIONS)}${birth}${String(int(random, 1, 999)).padStart(3, "0")}`;
  return first17 + residentIdCheck(first17);
}

const MOBILE_PREFIXES = [
  "130",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "158",
  "177",
  "180",
  "186",
  "189",
  "199",
];

const mobile = (random: Random) =>
  `${pick(random, MOBILE_PREFIXES)}${String(int(random, 0, 99_999_999)).padStart(8, "0")}`;

/** How names state the area: 上海市嘉定区 under a municipality, otherwise the county-level name (张家港市). */
function areaPrefix(jurisdiction: string): string {
  const [own, ...parents] = areaNames(jurisdiction);
  if (own === undefined) throw new RangeError(`unknown division code: ${jurisdiction}`);
  const municipality = parents.find((p) => ["北京市", "天津市", "上海市", "重庆市"].includes(p));
  return municipality && municipality !== own ? `${municipality}${own}` : own;
}

function weightedKind(random: Random): Kind {
  const total = KIND_WEIGHTS.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (const [i, w] of KIND_WEIGHTS.entries()) {
    r -= w;
    if (r < 0) return KINDS[i] as Kind;
  }
  return KINDS[KINDS.length - 1] as Kind;
}

const latest = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

function wrongCheckCharacter(uscc: string): string {
  const right = uscc.charAt(17);
  const wrong = USCC_ALPHABET.charAt((USCC_ALPHABET.indexOf(right) + 1) % USCC_ALPHABET.length);
  return uscc.slice(0, 17) + wrong;
}

/** The sample as a header, rows of cells and the defects planted in them. */
export function sampleOrganizations(options: SampleOptions): SampleOrganizations {
  const { count, jurisdiction = "310114", seed = 1, badRows = 0, asOf = "2025-01-01" } = options;
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new RangeError(`count must be a whole number from 0 to 1000000: ${count}`);
  }
  if (!Number.isInteger(badRows) || badRows < 0 || badRows > count) {
    throw new RangeError(`badRows must be a whole number from 0 to count (${count}): ${badRows}`);
  }
  if (!divisionName(jurisdiction)) throw new RangeError(`unknown division code: ${jurisdiction}`);
  const random = prng(seed);
  const area = areaPrefix(jurisdiction);
  const towns = TOWNS[jurisdiction] ?? [];
  // Organization codes walk a stride coprime to 10^6 from a seeded start, so they never repeat.
  const codeStart = int(random, 0, 999_999);
  const names = new Set<string>();

  const defectAt = new Map<number, SampleDefect>();
  for (let k = 0; k < badRows; k++) {
    defectAt.set(Math.floor(((k + 0.5) * count) / badRows), DEFECTS[k % DEFECTS.length] as SampleDefect);
  }

  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const defect = defectAt.get(i);
    // A name taken already is drawn again, kind and all, as a register holds each name once.
    let kind = weightedKind(random);
    let field = "";
    let name = "";
    for (let attempt = 0; attempt < 50 && (name === "" || names.has(name)); attempt++) {
      // The kind changes only once its own names run short, so the mix of types holds.
      if (attempt >= 10) kind = weightedKind(random);
      field = pick(random, Object.keys(kind.fields));
      const town = towns.length > 0 && random() < (attempt === 0 ? 0.4 : 0.9) ? pick(random, towns) : "";
      const trade = kind.tradeName && random() < 0.7 ? pick(random, TRADE_NAMES) : "";
      name = `${area}${town}${trade}${field}${kind.word}`;
    }
    // Past what the word lists can vary (tens of thousands of rows), a number keeps names unique.
    if (names.has(name)) name = `${area}${field}${kind.word}（${i + 1}）`;
    const scope = kind.fields[field] ?? "";
    names.add(name);

    const body = `MJ${String((codeStart + i * 7919) % 1_000_000).padStart(6, "0")}`;
    let uscc = issueUscc({
      category: categoryOfOrganizationType(kind.orgType),
      division: jurisdiction,
      organizationCodeBody: body,
    });
    if (defect === "uscc_check_digit") uscc = wrongCheckCharacter(uscc);

    const orgTypeCell =
      defect === "unknown_org_type"
        ? pick(random, ["社会组织", "association", "民办学校"])
        : random() < 0.5
          ? kind.orgType
          : pick(
              random,
              {
                social_group: ["社会团体"],
                social_service: ["社会服务机构", "民办非企业单位"],
                foundation: ["基金会"],
              }[kind.orgType],
            );

    const registeredOn = dateBetween(random, "2005-01-01", "2024-12-31");
    const registeredCell =
      defect === "malformed_date"
        ? pick(random, [
            registeredOn.replaceAll("-", "/"),
            `${registeredOn.slice(0, 8)}32`,
            registeredOn.replaceAll("-", ""),
          ])
        : registeredOn;

    const domicile = `${area}${towns.length > 0 ? pick(random, towns) : ""}${pick(random, ROADS)}${int(random, 1, 2999)}号`;
    // Some exports keep the line breaks and commas people typed into the scope.
    const businessScope =
      random() < 0.1
        ? `一、${scope}；\n二、${kind.extraScope}`
        : random() < 0.1
          ? `${scope}, ${kind.extraScope}`
          : scope;

    const hasLegalRep = defect === "bad_id_number" || random() < 0.95;
    let idNumber = hasLegalRep ? residentId(random) : "";
    if (defect === "bad_id_number") {
      idNumber = idNumber.slice(0, 17) + (idNumber.endsWith("0") ? "1" : "0");
    }
    const legalRep = hasLegalRep
      ? [`${pick(random, SURNAMES)}${pick(random, GIVEN)}`, idNumber, mobile(random)]
      : ["", "", ""];

    const mailbox = `org${String(i + 1).padStart(5, "0")}`;
    const domain = pick(random, ["example.org", "example.com", "example.net"]);
    const email = defect === "bad_email" ? `${mailbox}.${domain}` : `${mailbox}@${domain}`;

    const supervisor = kind.supervisors?.[field] ?? kind.defaultSupervisor;
    const supervisoryUnit = supervisor && random() < 0.9 ? `${area}${supervisor}` : "";

    let grade = ["", ""];
    // Assessment (等级评估) is open two years after registration, and a grade holds for five years.
    const firstAward = latest(addDays(addYears(asOf, -5), 1), addYears(registeredOn, 2));
    if (random() < 0.35 && firstAward <= asOf) {
      const awarded = dateBetween(random, firstAward, asOf);
      grade = [pick(random, ["1A", "2A", "3A", "3A", "4A", "4A", "5A"]), addDays(addYears(awarded, 5), -1)];
    }

    let term = ["", ""];
    if (random() < 0.9) {
      const earliest = latest(registeredOn, addDays(addYears(asOf, -5), 1));
      const start = earliest < asOf ? dateBetween(random, earliest, asOf) : earliest;
      term = [start, addDays(addYears(start, 5), -1)];
    }

    const cells: Record<OrganizationCsvColumn, string> = {
      uscc,
      name,
      orgType: orgTypeCell,
      jurisdiction,
      registeredOn: registeredCell,
      domicile,
      businessScope,
      legalRepName: legalRep[0] ?? "",
      legalRepIdNumber: legalRep[1] ?? "",
      legalRepPhone: legalRep[2] ?? "",
      contactEmail: email,
      contactPhone: mobile(random),
      supervisoryUnit,
      gradeLevel: grade[0] ?? "",
      gradeValidUntil: grade[1] ?? "",
      termStart: term[0] ?? "",
      termEnd: term[1] ?? "",
    };
    rows.push(ORGANIZATION_CSV_COLUMNS.map((c) => cells[c]));
  }

  return {
    header: [...ORGANIZATION_CSV_COLUMNS],
    rows,
    defects: [...defectAt].map(([row, defect]) => ({ row, defect, field: DEFECT_FIELDS[defect] })),
  };
}

export function sampleOrganizationsCsv(options: SampleOptions): string {
  const { header, rows } = sampleOrganizations(options);
  return toCsv(header, rows);
}

const USAGE =
  "usage: npm run -s sample:csv -- <count> [--jurisdiction 310114] [--seed 1] [--bad 0] [--out orgs.csv] > orgs.csv";

function main(argv: string[]): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        jurisdiction: { type: "string", default: "310114" },
        seed: { type: "string", default: "1" },
        bad: { type: "string", default: "0" },
        out: { type: "string" },
      },
    });
    if (positionals.length !== 1) throw new Error("give the number of rows");
    const csv = sampleOrganizationsCsv({
      count: Number(positionals[0]),
      jurisdiction: values.jurisdiction,
      seed: Number(values.seed),
      badRows: Number(values.bad),
    });
    if (values.out) writeFileSync(values.out, csv);
    else process.stdout.write(csv);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
}

function isMain(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isMain()) process.exitCode = main(process.argv.slice(2));
