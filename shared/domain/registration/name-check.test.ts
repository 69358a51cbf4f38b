import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nationalDefaults } from "../../settings/index.js";
import {
  checkName,
  distinctivePart,
  editDistance,
  type NameOnRegister,
  nameMatch,
  normalizeName,
} from "./name-check.js";
import type { RegistrationContext } from "./rules.js";

const settings = nationalDefaults.nameCheck;
const jiading: RegistrationContext = {
  jurisdictionName: "嘉定区",
  level: "county",
  areaNames: ["嘉定区", "上海市"],
};
const areas = ["嘉定区", "上海市"];
const register: NameOnRegister[] = [
  { name: "上海市嘉定区摄影协会", holder: "registered", uscc: "51310114M00000001X" },
  { name: "上海市嘉定区青少年科技教育促进会", holder: "pending", caseId: "REG1" },
];

describe("normalizing and comparing names", () => {
  it("folds full-width characters and drops spacing", () => {
    expect(normalizeName("上海市嘉定区 ＡＢＣ协会")).toBe("上海市嘉定区ABC协会");
  });

  it("takes the area words, the kind word and filler off", () => {
    expect(distinctivePart("上海市嘉定区摄影协会", "social_group", areas)).toBe("摄影");
    expect(distinctivePart("上海市嘉定区书画与篆刻（艺术）研究会", undefined, areas)).toBe("书画篆刻艺术");
  });

  it("measures edits over characters", () => {
    expect(editDistance("科技教育", "科技教学")).toBe(1);
    expect(editDistance("", "摄影")).toBe(2);
  });

  it("edit distance is a metric: zero on itself, symmetric, within the longer length", () => {
    const name = fc.string({ unit: fc.constantFrom(..."摄影书画科技教育青少年文化"), maxLength: 12 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
      }),
    );
  });

  it("finds the same name, a different kind or area form of it, and a near miss of a long one", () => {
    expect(nameMatch("上海市嘉定区摄影协会", "上海市嘉定区摄影协会", areas, settings)).toBe("same");
    expect(nameMatch("上海市嘉定区摄影学会", "上海市嘉定区摄影协会", areas, settings)).toBe("similar");
    expect(nameMatch("嘉定区摄影协会", "上海市嘉定区摄影协会", areas, settings)).toBe("similar");
    expect(
      nameMatch("上海市嘉定区青少年科技教学促进会", "上海市嘉定区青少年科技教育促进会", areas, settings),
    ).toBe("similar");
    // Short distinctive parts one character apart name different things.
    expect(nameMatch("上海市嘉定区摄像协会", "上海市嘉定区摄影协会", areas, settings)).toBeUndefined();
    expect(nameMatch("上海市嘉定区足球协会", "上海市嘉定区篮球协会", areas, settings)).toBeUndefined();
  });

  it("a name always matches itself with extra spacing and a different kind word", () => {
    const part = fc.string({
      unit: fc.constantFrom(..."摄影书画科技教育青少年文化体育"),
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(part, fc.constantFrom("协会", "学会", "研究会", "促进会"), (p, kind) => {
        const name = `上海市嘉定区${p}协会`;
        expect(nameMatch(name, name, areas, settings)).toBe("same");
        expect(nameMatch(`上海市 嘉定区${p}${kind}`, name, areas, settings)).toBeDefined();
      }),
    );
  });
});

describe("checkName (名称核准)", () => {
  it("accepts a well-formed new name", () => {
    expect(
      checkName({ orgType: "social_group", name: "上海市嘉定区书法协会" }, settings, jiading, register),
    ).toEqual({ available: true, problems: [], conflicts: [] });
  });

  it("reuses the registration rule for area and kind words", () => {
    const result = checkName(
      { orgType: "social_group", name: "书法爱好者中心" },
      settings,
      jiading,
      register,
    );
    expect(result.available).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(["name_area_missing", "name_kind_word"]);
  });

  it("refuses forbidden words, and national words in a local name", () => {
    const result = checkName(
      { orgType: "social_group", name: "上海市嘉定区中华政府文化协会" },
      settings,
      jiading,
      register,
    );
    expect(result.problems.map((p) => p.code)).toEqual(["name_forbidden_word", "name_national_word"]);
    const national = checkName(
      { orgType: "social_group", name: "中国书法协会" },
      settings,
      { jurisdictionName: "", level: "national" },
      [],
    );
    expect(national.available).toBe(true);
  });

  it("names a registered organization with the same name and a pending application with a close one", () => {
    const same = checkName(
      { orgType: "social_group", name: "上海市嘉定区摄影协会" },
      settings,
      jiading,
      register,
    );
    expect(same.problems.map((p) => p.code)).toEqual(["name_taken"]);
    expect(same.conflicts).toEqual([{ ...register[0], match: "same" }]);
    const close = checkName(
      { orgType: "social_group", name: "上海市嘉定区青少年科技教育联合会" },
      settings,
      jiading,
      register,
    );
    expect(close.problems.map((p) => p.code)).toEqual(["name_too_similar"]);
    expect(close.conflicts.map((c) => [c.holder, c.match])).toEqual([["pending", "similar"]]);
  });

  it("leaves out the applicant's own holding", () => {
    const own = checkName(
      { orgType: "social_group", name: "上海市嘉定区青少年科技教育促进会" },
      settings,
      jiading,
      register,
      { caseId: "REG1" },
    );
    expect(own.available).toBe(true);
  });
});
