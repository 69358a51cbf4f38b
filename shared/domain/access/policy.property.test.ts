import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GrantRecord, type GrantScope, resolvePrincipal } from "./grants.js";
import { liesIn, readableArea, SUPERVISORY_QUEUE, taskAccess } from "./policy.js";

const who = { issuer: "https://id.example.gov.cn", sub: "u1" };
const UNITS = ["上海市嘉定区教育局", "上海市嘉定区科学技术委员会", "上海市闵行区文化和旅游局"];
const DIVISIONS = ["310000", "310114", "310112", "310114102", "310114103", "310112101"];
const QUEUES = [SUPERVISORY_QUEUE, "change", "annual_inspection", "registration"];

const scope: fc.Arbitrary<GrantScope> = fc.oneof(
  fc.constantFrom(...UNITS).map((unit): GrantScope => ({ kind: "supervisory_unit", unit })),
  fc.constantFrom(...DIVISIONS).map((division): GrantScope => ({ kind: "regulator", division })),
  fc.constant<GrantScope>({ kind: "admin" }),
);
const grants = fc.array(
  fc.record({ scope, revoked: fc.boolean() }).map(
    ({ scope, revoked }): GrantRecord => ({
      ...who,
      scope,
      since: "2025-01-01T00:00:00.000Z",
      grantedBy: "admin:root",
      version: 1,
      ...(revoked ? { revokedAt: "2025-02-01T00:00:00.000Z" } : {}),
    }),
  ),
  { maxLength: 5 },
);
const task = fc.record({
  queue: fc.constantFrom(...QUEUES),
  jurisdiction: fc.constantFrom("310114", "310112"),
  supervisoryUnit: fc.constantFrom(...UNITS),
});
const RANK = { none: 0, reads: 1, decides: 2 } as const;

describe("who works a task, whatever grants a person holds", () => {
  it("only a reviewer of the task's own unit decides a supervisory task; no regulator or admin grant lets one", () => {
    fc.assert(
      fc.property(grants, task, (held, t) => {
        const p = resolvePrincipal(who, held);
        const holdsUnit = held.some(
          (g) => !g.revokedAt && g.scope.kind === "supervisory_unit" && g.scope.unit === t.supervisoryUnit,
        );
        if (t.queue === SUPERVISORY_QUEUE) expect(taskAccess(p, t) === "decides").toBe(holdsUnit);
        else if (holdsUnit && !held.some((g) => !g.revokedAt && g.scope.kind !== "supervisory_unit"))
          expect(taskAccess(p, t)).toBe("none");
      }),
    );
  });

  it("revoking a grant never widens what its holder may do with a task", () => {
    fc.assert(
      fc.property(grants, task, fc.nat(), (held, t, pick) => {
        fc.pre(held.length > 0);
        const i = pick % held.length;
        const fewer = held.map((g, j) => (j === i ? { ...g, revokedAt: "2025-03-01T00:00:00.000Z" } : g));
        const before = taskAccess(resolvePrincipal(who, held), t);
        const after = taskAccess(resolvePrincipal(who, fewer), t);
        expect(RANK[after]).toBeLessThanOrEqual(RANK[before]);
      }),
    );
  });

  it("an area read is always within a division the grants reach, and a street read never covers another street", () => {
    const named = fc.option(fc.constantFrom(...DIVISIONS, "310151", "310151101"), { nil: undefined });
    fc.assert(
      fc.property(grants, named, (held, asked) => {
        const p = resolvePrincipal(who, held);
        const area = readableArea(p, asked);
        if (!area) return;
        const active = held.filter((g) => !g.revokedAt).map((g) => g.scope);
        const admin = active.some((s) => s.kind === "admin");
        const codes = active.flatMap((s) => (s.kind === "regulator" ? [s.division] : []));
        const reaching = (code: string) =>
          code === area.jurisdiction ||
          (code.length === 6 && area.jurisdiction.startsWith(code.replace(/0+$/, ""))) ||
          (area.streetCode !== undefined && code === area.streetCode);
        expect(admin || codes.some(reaching)).toBe(true);
        if (!admin && codes.every((c) => c.length === 9)) {
          expect(area.streetCode).toBeDefined();
          expect(codes).toContain(area.streetCode);
          for (const other of DIVISIONS.filter((c) => c.length === 9 && c !== area.streetCode))
            expect(liesIn(area, { jurisdiction: other.slice(0, 6), streetCode: other })).toBe(false);
        }
      }),
    );
  });
});
