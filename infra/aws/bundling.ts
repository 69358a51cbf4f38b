import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildSync } from "esbuild";
import type { StaticFiles } from "./static-files.js";

/**
 * How every Lambda is bundled, in one place for the stack and for the bundle benchmark. No aws-cdk-lib
 * here, so the benchmark can bundle without loading the CDK.
 */
export const LAMBDA_BUNDLING = {
  target: "node22",
  minify: true,
  mainFields: ["module", "main"],
  /** ESM bundles have no `require`; packages that still call it get one from createRequire. */
  banner:
    "import { createRequire as __socorgCreateRequire } from 'node:module'; const require = __socorgCreateRequire(import.meta.url);",
  /** The SDK versions of package-lock.json go into the bundle, not whichever the runtime ships. */
  bundleAwsSdk: true,
} as const;

/**
 * Bundles one Lambda entry into `outdir` as `index.mjs` (the handler `index.handler`). Code split: what
 * an entry imports with `import()` lands in chunks of its own, compiled only when first imported, so a
 * cold start parses the entry's shell alone.
 */
export function bundleLambda(
  entry: string,
  outdir: string,
  options: { sourcemap: boolean; staticFiles?: StaticFiles },
): void {
  buildSync({
    entryPoints: { index: entry },
    outdir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    charset: "utf8",
    external: LAMBDA_BUNDLING.bundleAwsSdk ? [] : ["@aws-sdk/*"],
    // Stack traces need the mappings only; embedded sources nearly triple the map.
    ...(options.sourcemap ? { sourcemap: true, sourcesContent: false } : {}),
    logLevel: "warning",
  });
  const extra = options.staticFiles;
  if (extra) {
    const from = dirname(createRequire(import.meta.url).resolve(`${extra.package}/package.json`));
    mkdirSync(join(outdir, extra.dir), { recursive: true });
    for (const file of extra.files) copyFileSync(join(from, file), join(outdir, extra.dir, file));
  }
}
