import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{shared,functions,workflows,infra,test}/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
