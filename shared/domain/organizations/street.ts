import type { FieldProblem } from "../errors.js";

/**
 * 街道/乡镇: a 9-digit code of the statistics bureau's 统计用区划代码, whose first six digits are the county-level
 * division it lies in and whose last three are never 000. An organization's must lie in its own jurisdiction.
 */
export function streetCodeProblems(
  field: string,
  streetCode: string | undefined,
  jurisdiction: string,
): FieldProblem[] {
  if (streetCode === undefined) return [];
  if (!/^\d{9}$/.test(streetCode) || streetCode.endsWith("000")) {
    return [
      {
        field,
        code: "invalid_street_code",
        message: "a 9-digit street or town code (统计用区划代码), e.g. 310114102",
      },
    ];
  }
  if (!streetCode.startsWith(jurisdiction) || !/^\d{4}(?!00)\d{2}$/.test(jurisdiction)) {
    return [
      {
        field,
        code: "street_outside_jurisdiction",
        message: `street or town ${streetCode} is not under jurisdiction ${jurisdiction}`,
      },
    ];
  }
  return [];
}
