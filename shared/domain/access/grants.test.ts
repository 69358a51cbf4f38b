import { describe, expect, it } from "vitest";
import { type GrantRecord, type GrantScope, resolvePrincipal } from "./grants.js";
import {
  actingJurisdiction,
  liesIn,
  mayActFor,
  maySeeCase,
  type ReadArea,
  readableArea,
  readableJurisdiction,
  regulates,
  reviewsFor,
  SUPERVISORY_QUEUE,
  scopesOf,
  seesArea,
  taskAccess,
  worksQueues,
} from "./policy.js";

const ISSUER = "https://id.example.gov.cn";
const who = { issuer: ISSUER, sub: "u1" };
const USCC = "51310114MJ0000001X";

const grant = (scope: GrantScope, extra: Partial<GrantRecord> = {}): GrantRecord => ({
  ...who,
  scope,
  since: "2025-01-01T00:00:00.000Z",
  grantedBy: "admin:root",
  version: 1,
  ...extra,
});

describe("grant resolution", () => {
  it("no grant is an applicant: an organization that acts for none", () => {
    const p = resolvePrincipal(who, []);
    expect(p.role).toBe("org");
    expect(scopesOf(p)).toEqual({ organizations: [], jurisdictions: [], units: [], everywhere: false });
    expect(mayActFor(p, USCC)).toBe(false);
  });

  it("an org member acts for its USCC and no other", () => {
    const p = resolvePrincipal(who, [grant({ kind: "org", uscc: USCC })]);
    expect(p).toMatchObject({ role: "org", uscc: USCC, sub: "u1", issuer: ISSUER });
    expect(mayActFor(p, USCC)).toBe(true);
    expect(mayActFor(p, "51310114MJ0000002Y")).toBe(false);
    expect(regulates(p, "310114")).toBe(false);
  });

  it("a district grant works its own queues and regulates nothing beside", () => {
    const p = resolvePrincipal(who, [grant({ kind: "regulator", division: "310114" })]);
    expect(p).toMatchObject({ role: "regulator", jurisdiction: "310114" });
    expect(worksQueues("310114")).toBe(true);
    expect(regulates(p, "310114")).toBe(true);
    expect(regulates(p, "310112")).toBe(false);
    expect(readableJurisdiction(p, "310112")).toBeUndefined();
    expect(actingJurisdiction(p)).toBe("310114");
  });

  it("a city grant reads its districts' figures but works no queue and acts in none of them", () => {
    const p = resolvePrincipal(who, [grant({ kind: "regulator", division: "310000" })]);
    expect(worksQueues("310000")).toBe(false);
    expect(worksQueues("320100")).toBe(false);
    expect(readableJurisdiction(p, "310114")).toBe("310114");
    expect(readableJurisdiction(p, "310112")).toBe("310112");
    expect(readableJurisdiction(p, "320114")).toBeUndefined();
    expect(regulates(p, "310114")).toBe(false);
    expect(seesArea(p, { jurisdiction: "310112" })).toBe(true);
  });

  it("a street or town grant sees its own area's organizations within its district, and no other", () => {
    const p = resolvePrincipal(who, [grant({ kind: "regulator", division: "310114101" })]);
    expect(seesArea(p, { jurisdiction: "310114", streetCode: "310114101203" })).toBe(true);
    expect(seesArea(p, { jurisdiction: "310114", streetCode: "310114102001" })).toBe(false);
    expect(seesArea(p, { jurisdiction: "310114" })).toBe(false);
    expect(seesArea(p, { jurisdiction: "310112", streetCode: "310114101203" })).toBe(false);
    expect(regulates(p, "310114")).toBe(false);
    expect(worksQueues("310114101")).toBe(false);
  });

  it("a street or town grant reads its own street of its district's register, and neither the district nor another street", () => {
    const street = resolvePrincipal(who, [grant({ kind: "regulator", division: "310114102" })]);
    expect(readableArea(street)).toEqual({ jurisdiction: "310114", streetCode: "310114102" });
    expect(readableArea(street, "310114102")).toEqual({ jurisdiction: "310114", streetCode: "310114102" });
    expect(readableArea(street, "310114")).toBeUndefined();
    expect(readableArea(street, "310114103")).toBeUndefined();
    expect(readableArea(street, "310000")).toBeUndefined();
    const area = readableArea(street) as ReadArea;
    expect(liesIn(area, { jurisdiction: "310114", streetCode: "310114102" })).toBe(true);
    expect(liesIn(area, { jurisdiction: "310114", streetCode: "310114103" })).toBe(false);
    expect(liesIn(area, { jurisdiction: "310114" })).toBe(false);
    expect(actingJurisdiction(street)).toBe("310114102");
    expect(regulates(street, "310114")).toBe(false);
  });

  it("a district and its city read any of the district's streets; another district's regulator reads none", () => {
    const district = resolvePrincipal(who, [grant({ kind: "regulator", division: "310114" })]);
    const city = resolvePrincipal(who, [grant({ kind: "regulator", division: "310000" })]);
    const other = resolvePrincipal(who, [grant({ kind: "regulator", division: "310112" })]);
    expect(readableArea(district)).toEqual({ jurisdiction: "310114" });
    expect(readableArea(district, "310114102")).toEqual({ jurisdiction: "310114", streetCode: "310114102" });
    expect(readableArea(city, "310114102")).toEqual({ jurisdiction: "310114", streetCode: "310114102" });
    expect(readableArea(other, "310114102")).toBeUndefined();
    expect(liesIn({ jurisdiction: "310114" }, { jurisdiction: "310114", streetCode: "310114103" })).toBe(
      true,
    );
  });

  it("a supervisory unit pre-reviews the organizations that name it, and regulates nothing", () => {
    const p = resolvePrincipal(who, [grant({ kind: "supervisory_unit", unit: "上海市嘉定区民政局" })]);
    expect(p).toMatchObject({ role: "supervisory_unit", unit: "上海市嘉定区民政局" });
    expect(reviewsFor(p, { supervisoryUnit: "上海市嘉定区民政局" })).toBe(true);
    expect(reviewsFor(p, { supervisoryUnit: "上海市嘉定区教育局" })).toBe(false);
    expect(reviewsFor(p, {})).toBe(false);
    expect(regulates(p, "310114")).toBe(false);
    expect(mayActFor(p, USCC)).toBe(false);
  });

  it("the supervisory queue is decided by the task's unit alone; its district's regulator only reads it", () => {
    const unit = resolvePrincipal(who, [grant({ kind: "supervisory_unit", unit: "上海市嘉定区教育局" })]);
    const district = resolvePrincipal(who, [grant({ kind: "regulator", division: "310114" })]);
    const admin = resolvePrincipal(who, [grant({ kind: "admin" })]);
    const pre = { queue: SUPERVISORY_QUEUE, jurisdiction: "310114", supervisoryUnit: "上海市嘉定区教育局" };
    expect(taskAccess(unit, pre)).toBe("decides");
    expect(taskAccess(unit, { ...pre, supervisoryUnit: "上海市嘉定区科学技术委员会" })).toBe("none");
    expect(taskAccess(district, pre)).toBe("reads");
    expect(taskAccess(admin, pre)).toBe("reads");
    expect(taskAccess(resolvePrincipal(who, [grant({ kind: "regulator", division: "310112" })]), pre)).toBe(
      "none",
    );
    const review = { queue: "change", jurisdiction: "310114" };
    expect(taskAccess(district, review)).toBe("decides");
    expect(taskAccess(unit, review)).toBe("none");
    const record = { jurisdiction: "310114", applicantSub: "someone", supervisoryUnit: "上海市嘉定区教育局" };
    expect(maySeeCase(unit, record)).toBe(true);
    expect(maySeeCase(unit, { ...record, supervisoryUnit: undefined })).toBe(false);
  });

  it("a reviewer of two units works both, and a regulator who also reviews for a unit decides its tasks", () => {
    const both = resolvePrincipal(who, [
      grant({ kind: "supervisory_unit", unit: "上海市嘉定区教育局" }),
      grant(
        { kind: "supervisory_unit", unit: "上海市嘉定区卫生健康委员会" },
        { since: "2025-02-01T00:00:00.000Z" },
      ),
    ]);
    expect(scopesOf(both).units).toEqual(["上海市嘉定区教育局", "上海市嘉定区卫生健康委员会"]);
    expect(reviewsFor(both, { supervisoryUnit: "上海市嘉定区卫生健康委员会" })).toBe(true);
    const dual = resolvePrincipal(who, [
      grant({ kind: "regulator", division: "310114" }),
      grant({ kind: "supervisory_unit", unit: "上海市嘉定区教育局" }),
    ]);
    expect(dual.role).toBe("regulator");
    expect(
      taskAccess(dual, {
        queue: SUPERVISORY_QUEUE,
        jurisdiction: "310114",
        supervisoryUnit: "上海市嘉定区教育局",
      }),
    ).toBe("decides");
  });

  it("a revoked grant confers nothing, and the others still count", () => {
    const revoked = grant({ kind: "regulator", division: "310114" }, { revokedAt: "2025-02-01T00:00:00Z" });
    const p = resolvePrincipal(who, [revoked, grant({ kind: "org", uscc: USCC })]);
    expect(p.role).toBe("org");
    expect(regulates(p, "310114")).toBe(false);
    expect(mayActFor(p, USCC)).toBe(true);
  });

  it("only the identity's own grants count: the same sub at another issuer is another person", () => {
    const elsewhere = { ...grant({ kind: "admin" }), issuer: "https://other.example" };
    expect(scopesOf(resolvePrincipal(who, [elsewhere])).everywhere).toBe(false);
  });

  it("an administrator outranks its other grants and keeps them in its scopes", () => {
    const p = resolvePrincipal(who, [
      grant({ kind: "regulator", division: "310114" }),
      grant({ kind: "admin" }, { since: "2025-03-01T00:00:00.000Z" }),
    ]);
    expect(p.role).toBe("admin");
    expect(scopesOf(p)).toMatchObject({ everywhere: true, jurisdictions: ["310114"] });
  });
});
