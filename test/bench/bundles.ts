import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { LAMBDA_BUNDLING } from "../../infra/aws/bundling.js";
import { allSteps } from "../../workflows/index.js";

export const lambdaEntries = (): Record<string, string> => ({
  api: "functions/api/lambda.ts",
  sweep: "functions/sweep/handler.ts",
  notify: "functions/notify/handler.ts",
  ...Object.fromEntries(allSteps.map((s) => [`step-${s}`, `functions/steps/${s}.ts`])),
});

/** Bundles each Lambda as the stack does (infra/aws/bundling.ts: ESM, minified, node22, the SDK inside). */
export async function bundleAll(): Promise<{ dir: string; sizes: Record<string, number> }> {
  // Inside the repository, so a bundle that leaves packages external resolves them from node_modules.
  const dir = join(process.cwd(), ".cache", "bench-bundles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const [name, entry] of Object.entries(lambdaEntries())) {
    const outfile = join(dir, `${name}.mjs`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: LAMBDA_BUNDLING.target,
      minify: LAMBDA_BUNDLING.minify,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      banner: { js: LAMBDA_BUNDLING.banner },
      external: LAMBDA_BUNDLING.bundleAwsSdk ? [] : ["@aws-sdk/*"],
      logLevel: "silent",
    });
    sizes[name] = statSync(outfile).size;
  }
  return { dir, sizes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function timeNode(args: string[], env: Record<string, string>): number {
  const t = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Median wall time of fresh `node` processes importing a bundle, beside a bare `node -e ''`. */
export function coldRequire(bundle: string, runs = 10): { bundleMs: number; bareMs: number } {
  const env = {
    TABLE_NAME: "bench",
    NOTIFY_QUEUE_URL: "https://sqs.invalid/q",
    EMAIL_FROM: "bench@example.org",
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const code = `await import(${JSON.stringify(bundle)})`;
  for (let i = 0; i < 2; i++) {
    timeNode(["-e", ""], env);
    timeNode(["--input-type=module", "-e", code], env);
  }
  const bare: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timeNode(["-e", ""], env));
    cold.push(timeNode(["--input-type=module", "-e", code], env));
  }
  return { bundleMs: median(cold), bareMs: median(bare) };
}
