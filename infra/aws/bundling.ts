/**
 * How every Lambda is bundled, in one place for the stack and for the bundle benchmark. Plain data:
 * no aws-cdk-lib here, so the benchmark can read it without loading the CDK.
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
