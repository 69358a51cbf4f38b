import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streetCodeProblems } from "./street.js";

describe("an organization's street or town code (街道/乡镇)", () => {
  it("is optional, and one of the jurisdiction's own streets or towns is fine", () => {
    expect(streetCodeProblems("streetCode", undefined, "310114")).toEqual([]);
    expect(streetCodeProblems("streetCode", "310114102", "310114")).toEqual([]);
  });

  it("names its field when it is not a street code or not under the jurisdiction", () => {
    expect(streetCodeProblems("streetCode", "31011410", "310114")).toMatchObject([
      { field: "streetCode", code: "invalid_street_code" },
    ]);
    expect(streetCodeProblems("streetCode", "310114000", "310114")).toMatchObject([
      { code: "invalid_street_code" },
    ]);
    expect(streetCodeProblems("changes.streetCode", "310112102", "310114")).toMatchObject([
      { field: "changes.streetCode", code: "street_outside_jurisdiction" },
    ]);
    // A city's register has no streets of its own: they lie in its districts.
    expect(streetCodeProblems("streetCode", "310000101", "310000")).toMatchObject([
      { code: "street_outside_jurisdiction" },
    ]);
  });

  it("accepts a code exactly when it is 9 digits, not ending 000, and starts with the district's code", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{4}(0[1-9]|[1-9]\d)$/),
        fc.stringMatching(/^\d{3}$/),
        fc.stringMatching(/^\d{9}$/),
        fc.boolean(),
        (district, tail, other, own) => {
          const code = own ? `${district}${tail}` : other;
          const ok = streetCodeProblems("streetCode", code, district).length === 0;
          expect(ok).toBe(code.startsWith(district) && !code.endsWith("000"));
        },
      ),
    );
  });
});
