import { describe, expect, it } from "vitest";
import {
  categoryOfOrganizationType,
  issueUscc,
  isValidUscc,
  organizationCodeCheck,
  organizationTypeOfCategory,
  USCC_ALPHABET,
  usccCheck,
  validateUscc,
} from "./uscc.js";

const WORKED_EXAMPLE = "91350100M000100Y43";

function replaceAt(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}

describe("organizationCodeCheck (GB 11714)", () => {
  it("computes the worked example's check", () => {
    expect(organizationCodeCheck("M000100Y")).toBe("4");
  });

  it("maps 10 to X and 11 to 0", () => {
    expect(organizationCodeCheck("00000006")).toBe("X");
    expect(organizationCodeCheck("00000000")).toBe("0");
  });

  it("rejects a malformed body", () => {
    expect(() => organizationCodeCheck("M000100")).toThrow(RangeError);
    expect(() => organizationCodeCheck("m000100y")).toThrow(RangeError);
    expect(() => organizationCodeCheck("M000-00Y")).toThrow(RangeError);
  });
});

describe("usccCheck (GB 32100)", () => {
  it("computes the worked example's check", () => {
    expect(usccCheck("91350100M000100Y4")).toBe("3");
  });

  it("maps 31 to the first character of the alphabet", () => {
    expect(usccCheck("53310000MJ0000093")).toBe("0");
  });

  it("rejects input that is not 17 alphabet characters", () => {
    expect(() => usccCheck("91350100M000100Y")).toThrow(RangeError);
    expect(() => usccCheck("91350100M000100I4")).toThrow(RangeError);
  });
});

describe("validateUscc", () => {
  it("accepts the worked example and splits it into its parts", () => {
    expect(validateUscc(WORKED_EXAMPLE)).toEqual({
      ok: true,
      uscc: {
        value: WORKED_EXAMPLE,
        authority: "9",
        category: "1",
        division: "350100",
        organizationCode: "M000100Y4",
      },
    });
    expect(isValidUscc(WORKED_EXAMPLE)).toBe(true);
  });

  it("rejects a wrong check character as check_digit", () => {
    for (const c of USCC_ALPHABET.replace("3", "")) {
      expect(validateUscc(replaceAt(WORKED_EXAMPLE, 17, c))).toMatchObject({
        ok: false,
        problem: "check_digit",
      });
    }
  });

  it("rejects a bad organization code check as organization_code, even when character 18 agrees", () => {
    const badOrgCode = "91350100M000100Y5";
    const recomputed = badOrgCode + usccCheck(badOrgCode);
    expect(validateUscc(recomputed)).toMatchObject({ ok: false, problem: "organization_code" });
    expect(validateUscc(replaceAt(WORKED_EXAMPLE, 16, "5"))).toMatchObject({
      ok: false,
      problem: "organization_code",
    });
  });

  it("rejects lowercase, excluded letters and wrong length as format", () => {
    for (const bad of [
      WORKED_EXAMPLE.toLowerCase(),
      ...["I", "O", "S", "V", "Z"].map((c) => replaceAt(WORKED_EXAMPLE, 8, c)),
      WORKED_EXAMPLE.slice(0, 17),
      `${WORKED_EXAMPLE}0`,
      ` ${WORKED_EXAMPLE.slice(1)}`,
      "",
    ]) {
      expect(validateUscc(bad)).toMatchObject({ ok: false, problem: "format" });
    }
  });

  it("rejects every single-character change of the worked example", () => {
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_ALPHABET) {
        if (c === WORKED_EXAMPLE.charAt(i)) continue;
        expect(isValidUscc(replaceAt(WORKED_EXAMPLE, i, c))).toBe(false);
      }
    }
  });

  it("rejects 51310000MJ4937208W, whose checks do not hold (GB 11714 gives 3, then GB 32100 gives 2)", () => {
    expect(validateUscc("51310000MJ4937208W")).toMatchObject({ ok: false, problem: "organization_code" });
    expect(organizationCodeCheck("MJ493720")).toBe("3");
    expect(usccCheck("51310000MJ4937203")).toBe("2");
    expect(isValidUscc("51310000MJ49372032")).toBe(true);
  });
});

describe("issueUscc", () => {
  it.each([
    [{ category: "1", division: "310000", organizationCodeBody: "MJ493720" }, "51310000MJ49372032"],
    [{ category: "2", division: "440305", organizationCodeBody: "MJL1234A" }, "52440305MJL1234A5F"],
    [{ category: "3", division: "110000", organizationCodeBody: "50000123" }, "53110000500001237G"],
    [{ category: "1", division: "330106", organizationCodeBody: "MJ0000X0" }, "51330106MJ0000X0X6"],
  ] as const)("%o → %s", (opts, expected) => {
    const issued = issueUscc(opts);
    expect(issued).toBe(expected);
    const result = validateUscc(issued);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.uscc.authority).toBe("5");
    expect(result.uscc.category).toBe(opts.category);
    expect(result.uscc.division).toBe(opts.division);
    expect(result.uscc.organizationCode.slice(0, 8)).toBe(opts.organizationCodeBody);
  });

  it("rejects a bad division or body", () => {
    expect(() => issueUscc({ category: "1", division: "31000", organizationCodeBody: "MJ493720" })).toThrow(
      RangeError,
    );
    expect(() => issueUscc({ category: "1", division: "31000A", organizationCodeBody: "MJ493720" })).toThrow(
      RangeError,
    );
    for (const body of ["MJ49372", "mj493720", "MJ49372I", "MJ49372O", "MJ49372S", "MJ49372V", "MJ49372Z"]) {
      expect(() => issueUscc({ category: "2", division: "310000", organizationCodeBody: body })).toThrow(
        RangeError,
      );
    }
  });

  it("rejects a category outside civil affairs when called without type checking", () => {
    const opts = { category: "9", division: "310000", organizationCodeBody: "MJ493720" };
    expect(() => issueUscc(opts as unknown as Parameters<typeof issueUscc>[0])).toThrow(RangeError);
  });
});

describe("categories", () => {
  it("map civil-affairs categories to organization types and back", () => {
    expect(organizationTypeOfCategory("1")).toBe("social_group");
    expect(organizationTypeOfCategory("2")).toBe("social_service");
    expect(organizationTypeOfCategory("3")).toBe("foundation");
    expect(organizationTypeOfCategory("9")).toBeUndefined();
    for (const t of ["social_group", "social_service", "foundation"] as const) {
      expect(organizationTypeOfCategory(categoryOfOrganizationType(t))).toBe(t);
    }
  });
});
