import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cycles, type ImportEdge, importsOf, sourceFiles, within } from "./imports.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const files = sourceFiles(root);
const edges = files.flatMap((f) => importsOf(root, f));
const isTest = (path: string) => path.endsWith(".test.ts");
const show = (list: ImportEdge[]) => list.map((e) => `${e.from} → ${e.to}`);

describe("the import reader", () => {
  it("reads the repository's imports, type-only and dynamic ones told apart", () => {
    expect(files.length).toBeGreaterThan(150);
    const edge = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to);
    expect(edge("shared/store/dynamo-store.ts", "shared/store/keys.ts")).toMatchObject({ typeOnly: false });
    expect(edge("shared/store/dynamo-store.ts", "@aws-sdk/lib-dynamodb")).toMatchObject({ relative: false });
    expect(edge("shared/usecases/support/deps.ts", "shared/ports/store.ts")).toMatchObject({
      typeOnly: true,
    });
  });

  it("finds cycles, and only cycles", () => {
    expect(
      cycles([
        { from: "a", to: "b" },
        { from: "b", to: "c" },
      ]),
    ).toEqual([]);
    expect(
      cycles([
        { from: "a", to: "b" },
        { from: "b", to: "c" },
        { from: "c", to: "a" },
        { from: "c", to: "d" },
        { from: "e", to: "e" },
      ]),
    ).toEqual(expect.arrayContaining([["a", "b", "c"], ["e"]]));
  });
});

describe("layering (DESIGN.md)", () => {
  it("has no import cycle anywhere in the source (type-only imports are erased, so they cannot form one)", () => {
    const runtime = edges.filter((e) => e.relative && !e.typeOnly && !e.dynamic);
    expect(cycles(runtime)).toEqual([]);
  });

  it("the domain imports only the domain and the settings", () => {
    const allowedPackages = new Set(["node:crypto", "chinese-days"]);
    const testPackages = new Set(["vitest", "fast-check"]);
    const bad = edges.filter(
      (e) =>
        within(e.from, "shared/domain") &&
        (e.relative
          ? !within(e.to, "shared/domain") && !within(e.to, "shared/settings")
          : !allowedPackages.has(e.to) && !(isTest(e.from) && testPackages.has(e.to))),
    );
    expect(show(bad)).toEqual([]);
  });

  it("use cases import no adapter and no entry point", () => {
    const adapters = ["shared/store", "shared/notify/channels", "infra", "functions"];
    const bad = edges.filter(
      (e) =>
        within(e.from, "shared/usecases") &&
        (e.relative ? adapters.some((dir) => within(e.to, dir)) : e.to.startsWith("@aws-sdk/")),
    );
    expect(show(bad)).toEqual([]);
  });
});
