import { join } from "node:path";
import { bundleAll, coldStart } from "./bundles.js";
import { benchRegistrations } from "./registrations.js";

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const { dir, sizes } = await bundleAll();
console.log("Lambda bundles as the stack deploys them (ESM, minified, code split, the AWS SDK inside):");
console.log(`  ${"".padEnd(28)} ${"index.mjs".padStart(10)} ${"all chunks".padStart(11)}`);
for (const [name, size] of Object.entries(sizes))
  console.log(`  ${name.padEnd(28)} ${kib(size.entry).padStart(10)} ${kib(size.total).padStart(11)}`);

const cold = coldStart(join(dir, "api", "index.mjs"));
console.log(
  `\napi bundle cold import, medians of ${cold.pairs} alternating pairs of fresh node processes:` +
    `\n  bare node -e '': ${cold.bareMs.toFixed(0)} ms; import: ${cold.importMs.toFixed(0)} ms; ratio ${cold.ratio.toFixed(2)}×` +
    `\n  import and answer a first request (GET /health): ${cold.firstRequestMs.toFixed(0)} ms`,
);

const reg = await benchRegistrations(Number(process.env.BENCH_CASES ?? 200));
console.log(
  `\nregistrations, application to approval, local runtime on DynamoDB Local (disk), concurrency ${reg.concurrency}:` +
    `\n  ${reg.cases} cases in ${reg.seconds.toFixed(1)} s = ${reg.perSecond.toFixed(1)} registrations/s` +
    `\n  baseline: raw DynamoDB Local puts ${reg.rawPutsPerSecond.toFixed(0)}/s; one registration writes ${reg.writesPerRegistration.toFixed(1)} items` +
    ` in ${reg.writeRequestsPerRegistration.toFixed(1)} write requests` +
    ` (ceiling at that put rate: ${(reg.rawPutsPerSecond / reg.writesPerRegistration).toFixed(1)} registrations/s); items by kind:`,
);
for (const { kind, perRegistration } of reg.writesByKind)
  console.log(`    ${kind.padEnd(26)} ${perRegistration.toFixed(2).padStart(6)}`);
console.log(
  `  the table items the application writes: ${(reg.writesPerRegistration - reg.engineRecordsPerRegistration).toFixed(1)}` +
    " (on AWS a queue consumer takes each notification's lease with one write more)" +
    `; the local engine's own execution records, which Step Functions keeps on AWS: ${reg.engineRecordsPerRegistration.toFixed(1)}`,
);
process.exit(0);
