import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { bundleLambda } from "../../infra/aws/bundling.js";
import { allSteps } from "../../workflows/index.js";

export const lambdaEntries = (): Record<string, string> => ({
  api: "functions/api/lambda.ts",
  sweep: "functions/sweep/handler.ts",
  notify: "functions/notify/handler.ts",
  ...Object.fromEntries(allSteps.map((s) => [`step-${s}`, `functions/steps/${s}.ts`])),
});

export interface BundleSize {
  /** index.mjs, what a cold start compiles. */
  entry: number;
  /** Every file of the bundle, chunks included. */
  total: number;
}

/** Bundles each Lambda as the stack does (infra/aws/bundling.ts), each into a folder of its own. */
export async function bundleAll(): Promise<{ dir: string; sizes: Record<string, BundleSize> }> {
  // Inside the repository, so a bundle that leaves packages external resolves them from node_modules.
  const dir = join(process.cwd(), ".cache", "bench-bundles");
  rmSync(dir, { recursive: true, force: true });
  const sizes: Record<string, BundleSize> = {};
  for (const [name, entry] of Object.entries(lambdaEntries())) {
    const out = join(dir, name);
    mkdirSync(out, { recursive: true });
    bundleLambda(entry, out, { sourcemap: false });
    const files = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".mjs"));
    sizes[name] = {
      entry: statSync(join(out, "index.mjs")).size,
      total: files.reduce((n, f) => n + statSync(join(out, f)).size, 0),
    };
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

/** An API Gateway (HTTP API, payload 2.0) request, as the api Lambda receives it. */
const healthEvent = {
  version: "2.0",
  rawPath: "/health",
  rawQueryString: "",
  headers: { host: "bench" },
  isBase64Encoded: false,
  requestContext: { requestId: "bench", domainName: "bench", http: { method: "GET", path: "/health" } },
};

export interface ColdStart {
  bareMs: number;
  importMs: number;
  /** Median over the pairs of import / bare, each pair run back to back. */
  ratio: number;
  /** A fresh process that imports the bundle and answers one request (GET /health) through its handler. */
  firstRequestMs: number;
  pairs: number;
}

/**
 * Fresh `node` processes importing a bundle, each beside a bare `node -e ''` run just before it
 * (alternating pairs, so both see the same machine), and the same import answering its first request.
 */
export function coldStart(bundle: string, pairs = 11): ColdStart {
  const env = {
    TABLE_NAME: "bench",
    NOTIFY_QUEUE_URL: "https://sqs.invalid/q",
    EMAIL_FROM: "bench@example.org",
    AWS_REGION: "us-east-1",
    // The api Lambda checks bearer tokens against its issuer, whose keys it fetches on the first token only.
    OIDC_ISSUER: "https://issuer.invalid",
    OIDC_AUDIENCE: "bench",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const load = `const m = await import(${JSON.stringify(bundle)});`;
  const answer = `${load} const r = await m.handler(${JSON.stringify(healthEvent)}, {}); if (r.statusCode !== 200) throw new Error(JSON.stringify(r));`;
  for (let i = 0; i < 2; i++) {
    timeNode(["-e", ""], env);
    timeNode(["--input-type=module", "-e", load], env);
    timeNode(["--input-type=module", "-e", answer], env);
  }
  const bare: number[] = [];
  const imported: number[] = [];
  const ratios: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const b = timeNode(["-e", ""], env);
    const c = timeNode(["--input-type=module", "-e", load], env);
    bare.push(b);
    imported.push(c);
    ratios.push(c / b);
    first.push(timeNode(["--input-type=module", "-e", answer], env));
  }
  return {
    bareMs: median(bare),
    importMs: median(imported),
    ratio: median(ratios),
    firstRequestMs: median(first),
    pairs,
  };
}
