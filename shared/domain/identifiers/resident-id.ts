import { isValidIsoDate } from "../calendar/shanghai-date.js";

// 公民身份号码 (GB 11643-1999) check: ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";
const FORMAT = /^\d{17}[\dX]$/;

/** The 18th character (校验码) of a resident ID number from its first 17 digits. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17.charAt(i)) * weight;
  });
  return CHECK_CHARACTERS.charAt(sum % 11);
}

export type ResidentIdProblem = "format" | "birth_date" | "check_digit";

export type ResidentIdValidation =
  | { ok: true; birthDate: string; sex: "male" | "female"; division: string }
  | { ok: false; problem: ResidentIdProblem; message: string };

/**
 * Checks form, birth date and check character. The division (first six digits) is checked for form only:
 * it is the division at the time of issue and may since have been abolished (310230 崇明县).
 */
export function validateResidentId(s: string): ResidentIdValidation {
  const id = s.toUpperCase();
  if (!FORMAT.test(id)) {
    return { ok: false, problem: "format", message: "A resident ID number is 17 digits and a digit or X" };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || birthDate < "1900-01-01" || birthDate > "2099-12-31") {
    return {
      ok: false,
      problem: "birth_date",
      message: `Digits 7–14 are not a birth date: ${id.slice(6, 14)}`,
    };
  }
  if (residentIdCheck(id.slice(0, 17)) !== id.charAt(17)) {
    return { ok: false, problem: "check_digit", message: "The 18th character fails the GB 11643 check" };
  }
  return {
    ok: true,
    birthDate,
    // 顺序码 odd for men, even for women.
    sex: Number(id.charAt(16)) % 2 === 1 ? "male" : "female",
    division: id.slice(0, 6),
  };
}

/** Keeps the first 6 and last 4 characters of an 18-character number; of anything else, only the last 4. */
export function maskResidentId(s: string): string {
  if (s.length === 18) return `${s.slice(0, 6)}${"*".repeat(8)}${s.slice(14)}`;
  if (s.length <= 4) return "*".repeat(s.length);
  return `${"*".repeat(s.length - 4)}${s.slice(-4)}`;
}

const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Masks every resident ID number found anywhere in a value, for log lines. */
export function maskIdNumbersIn<T>(value: T): T {
  if (typeof value === "string") return value.replace(ID_NUMBER_IN_TEXT, (id) => maskResidentId(id)) as T;
  if (Array.isArray(value)) return value.map((v) => maskIdNumbersIn(v)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskIdNumbersIn(v)])) as T;
  }
  return value;
}
