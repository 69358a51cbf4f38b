import { join } from "node:path";
import { bundleAll, coldRequire } from "./bundles.js";
import { benchRegistrations } from "./registrations.js";

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const { dir, sizes } = await bundleAll();
console.log("Lambda bundles as the stack deploys them (ESM, minified, the AWS SDK inside):");
for (const [name, size] of Object.entries(sizes))
  console.log(`  ${name.padEnd(28)} ${kib(size).padStart(10)}`);

const cold = coldRequire(join(dir, "api.mjs"));
console.log(
  `\napi bundle cold import: median ${cold.bundleMs.toFixed(0)} ms of 10 fresh node processes ` +
    `(bare node -e '': ${cold.bareMs.toFixed(0)} ms; the bundle adds ${(cold.bundleMs - cold.bareMs).toFixed(0)} ms)`,
);

const reg = await benchRegistrations(Number(process.env.BENCH_CASES ?? 200));
console.log(
  `\nregistrations, application to approval, local runtime on DynamoDB Local (disk), concurrency ${reg.concurrency}:` +
    `\n  ${reg.cases} cases in ${reg.seconds.toFixed(1)} s = ${reg.perSecond.toFixed(1)} registrations/s` +
    `\n  baseline: raw DynamoDB Local puts ${reg.rawPutsPerSecond.toFixed(0)}/s; one registration writes ${reg.writesPerRegistration.toFixed(1)} items` +
    ` (ceiling at that put rate: ${(reg.rawPutsPerSecond / reg.writesPerRegistration).toFixed(1)} registrations/s)`,
);
for (const { kind, perRegistration } of reg.writesByKind)
  console.log(`    ${kind.padEnd(26)} ${perRegistration.toFixed(2).padStart(6)}`);
process.exit(0);
