import { describe, expect, it } from "vitest";
import { maskIdNumbersIn, maskResidentId, residentIdCheck, validateResidentId } from "./resident-id.js";

const EXAMPLE = "11010519491231002X";

function replaceAt(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}

describe("validateResidentId (GB 11643)", () => {
  it("accepts the standard's example: sequence 002 is even, so female", () => {
    expect(validateResidentId(EXAMPLE)).toEqual({
      ok: true,
      birthDate: "1949-12-31",
      sex: "female",
      division: "110105",
    });
  });

  it("accepts a lowercase x", () => {
    expect(validateResidentId(EXAMPLE.toLowerCase()).ok).toBe(true);
  });

  it("reads an odd sequence as male and keeps a division since abolished (310230, the former 崇明县)", () => {
    expect(validateResidentId("310230198001010015")).toEqual({
      ok: true,
      birthDate: "1980-01-01",
      sex: "male",
      division: "310230",
    });
  });

  it("rejects every single-character change", () => {
    for (let i = 0; i < 18; i++) {
      for (const c of "0123456789X") {
        if (c === EXAMPLE.charAt(i)) continue;
        expect(validateResidentId(replaceAt(EXAMPLE, i, c)).ok).toBe(false);
      }
    }
  });

  it("rejects a wrong check character as check_digit", () => {
    expect(validateResidentId("110105194912310021")).toMatchObject({ ok: false, problem: "check_digit" });
  });

  it("rejects a date that does not exist, even with a correct check character", () => {
    expect(validateResidentId("110105194902300020")).toMatchObject({ ok: false, problem: "birth_date" });
  });

  it("accepts 29 February only in a leap year", () => {
    expect(validateResidentId("440305200002291232")).toMatchObject({ ok: true, birthDate: "2000-02-29" });
    expect(validateResidentId("440305190002291232")).toMatchObject({ ok: false, problem: "birth_date" });
  });

  it("rejects birth dates outside 1900–2099", () => {
    expect(validateResidentId("110105189912310015")).toMatchObject({ ok: false, problem: "birth_date" });
    expect(validateResidentId("110105210001010015")).toMatchObject({ ok: false, problem: "birth_date" });
  });

  it.each([
    "11010519491231002",
    "11010519491231002XX",
    "110105491231002",
    "1101051949123100X2",
    "11010519491231002Y",
    " 11010519491231002X",
    "",
  ])("rejects %j as format", (s) => {
    expect(validateResidentId(s)).toMatchObject({ ok: false, problem: "format" });
  });
});

describe("maskResidentId", () => {
  it("keeps the first 6 and last 4 characters of an 18-character number", () => {
    expect(maskResidentId(EXAMPLE)).toBe("110105********002X");
  });

  it("keeps only the last 4 of anything else", () => {
    expect(maskResidentId("110105491231002")).toBe("***********1002");
    expect(maskResidentId("1101051949123100")).toBe("************3100");
    expect(maskResidentId("12345")).toBe("*2345");
  });

  it("never echoes a short value whole", () => {
    expect(maskResidentId("1234")).toBe("****");
    expect(maskResidentId("")).toBe("");
  });
});

describe("maskIdNumbersIn", () => {
  it("masks ID numbers inside strings, arrays and objects, and leaves other digits", () => {
    const line = {
      message: "applicant 11010519491231002X filed",
      nested: ["110105194912310021", "phone 13800138000"],
    };
    expect(maskIdNumbersIn(line)).toEqual({
      message: "applicant 110105********002X filed",
      nested: ["110105********0021", "phone 13800138000"],
    });
  });
});

describe("residentIdCheck (GB 11643)", () => {
  it("computes the standard's example", () => {
    expect(residentIdCheck("11010519491231002")).toBe("X");
  });
});
