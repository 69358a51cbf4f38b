/** 统一社会信用代码 (GB 32100-2015) character set: digits and capitals without I, O, S, V, Z. */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_FORMAT = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;
const ORGANIZATION_CODE_BODY = /^[0-9A-Z]{8}$/;
const ISSUABLE_BODY = /^[0-9A-HJ-NP-RTUW-Y]{8}$/;
const DIVISION = /^\d{6}$/;

export interface Uscc {
  value: string;
  /** 登记管理部门代码; 5 is civil affairs (民政). */
  authority: string;
  /** 机构类别代码; under civil affairs 1 社会团体, 2 民办非企业单位 (社会服务机构), 3 基金会. */
  category: string;
  /** 登记管理机关行政区划码 (GB/T 2260) of the registering authority. */
  division: string;
  /** 组织机构代码 (GB 11714): 8 body characters and a check character. */
  organizationCode: string;
}

export type UsccProblem = "format" | "check_digit" | "organization_code";

export type UsccValidation = { ok: true; uscc: Uscc } | { ok: false; problem: UsccProblem; message: string };

export type CivilAffairsOrganizationType = "social_group" | "social_service" | "foundation";

const CATEGORY_BY_TYPE = {
  social_group: "1",
  social_service: "2",
  foundation: "3",
} as const satisfies Record<CivilAffairsOrganizationType, string>;

/** GB 11714 check character of an 8-character organization-code body (0–9, A=10 … Z=35). */
export function organizationCodeCheck(body8: string): string {
  if (!ORGANIZATION_CODE_BODY.test(body8)) {
    throw new RangeError(
      `Organization code body must be 8 digits or capital letters: ${JSON.stringify(body8)}`,
    );
  }
  let sum = 0;
  ORGANIZATION_CODE_WEIGHTS.forEach((weight, i) => {
    sum += Number.parseInt(body8.charAt(i), 36) * weight;
  });
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** GB 32100 check character of the first 17 characters of a USCC. */
export function usccCheck(first17: string): string {
  if (first17.length !== 17 || !USCC_FORMAT.test(`${first17}0`)) {
    throw new RangeError(`Expected 17 characters from ${USCC_ALPHABET}: ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  USCC_WEIGHTS.forEach((weight, i) => {
    sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * weight;
  });
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function validateUscc(s: string): UsccValidation {
  if (!USCC_FORMAT.test(s)) {
    return {
      ok: false,
      problem: "format",
      message: `A USCC is 18 characters from ${USCC_ALPHABET} (capitals, no I, O, S, V or Z)`,
    };
  }
  const organizationCode = s.slice(8, 17);
  // Checked first: a slip in characters 9–17 breaks both checks, and this one says where it is.
  if (organizationCodeCheck(organizationCode.slice(0, 8)) !== organizationCode.charAt(8)) {
    return {
      ok: false,
      problem: "organization_code",
      message: `Characters 9–17 (${organizationCode}) fail the GB 11714 organization code check`,
    };
  }
  if (usccCheck(s.slice(0, 17)) !== s.charAt(17)) {
    return { ok: false, problem: "check_digit", message: "The 18th character fails the GB 32100 check" };
  }
  return {
    ok: true,
    uscc: {
      value: s,
      authority: s.charAt(0),
      category: s.charAt(1),
      division: s.slice(2, 8),
      organizationCode,
    },
  };
}

export function isValidUscc(s: string): boolean {
  return validateUscc(s).ok;
}

/** A civil-affairs USCC ("5" + category + division + organization code + check). */
export function issueUscc(opts: {
  category: "1" | "2" | "3";
  division: string;
  organizationCodeBody: string;
}): string {
  const { category, division, organizationCodeBody } = opts;
  if (category !== "1" && category !== "2" && category !== "3") {
    throw new RangeError(`Civil-affairs category must be 1, 2 or 3: ${JSON.stringify(category)}`);
  }
  if (!DIVISION.test(division)) {
    throw new RangeError(`Division must be 6 digits: ${JSON.stringify(division)}`);
  }
  if (!ISSUABLE_BODY.test(organizationCodeBody)) {
    throw new RangeError(
      `Organization code body must be 8 digits or capitals other than I, O, S, V, Z: ${JSON.stringify(organizationCodeBody)}`,
    );
  }
  const first17 = `5${category}${division}${organizationCodeBody}${organizationCodeCheck(organizationCodeBody)}`;
  return first17 + usccCheck(first17);
}

export function organizationTypeOfCategory(category: string): CivilAffairsOrganizationType | undefined {
  switch (category) {
    case "1":
      return "social_group";
    case "2":
      return "social_service";
    case "3":
      return "foundation";
    default:
      return undefined;
  }
}

export function categoryOfOrganizationType(t: CivilAffairsOrganizationType): "1" | "2" | "3" {
  return CATEGORY_BY_TYPE[t];
}

/** GB 11714 codes issued by civil affairs begin with M; seven digits of a sequence follow, never reused. */
export function organizationCodeBody(sequence: number): string {
  if (sequence >= 10_000_000) throw new Error("organization code sequence exhausted");
  return `M${String(sequence).padStart(7, "0")}`;
}
