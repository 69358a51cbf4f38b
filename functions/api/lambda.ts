import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { API_STATIC_FILES } from "../../infra/aws/static-files.js";

/**
 * The API app (routes, schemas, OpenAPI document, SDK clients) is built on the first request, so that
 * a cold start loads only this shell; the bundle keeps the rest in chunks it imports then.
 */
async function buildApi() {
  const [{ createApp }, { awsDeps, awsPages, awsTrustedIssuer }, { apiGatewayRequestId }, { bearerTokens }] =
    await Promise.all([
      import("./app.js"),
      import("../../infra/aws/runtime.js"),
      import("./lambda-context.js"),
      import("./bearer-tokens.js"),
    ]);
  // The authorizer in front may have checked the token too; the app trusts only its own check.
  const trusted = awsTrustedIssuer();
  const [deps, pages] = await Promise.all([awsDeps(), awsPages(trusted)]);
  return createApp({
    deps,
    authenticate: bearerTokens(trusted),
    ...(pages ? { pages } : {}),
    requestId: apiGatewayRequestId,
    // Copied beside the bundle at synth (infra/aws/bundling.ts), so the docs page needs no CDN.
    docsAssetsDir: fileURLToPath(new URL(`./${API_STATIC_FILES.dir}/`, import.meta.url)),
  });
}

let api: ReturnType<typeof buildApi> | undefined;
const apiOnFirstUse = () => {
  api ??= buildApi().catch((error: unknown) => {
    api = undefined;
    throw error;
  });
  return api;
};

const shell = new Hono();
shell.all("*", async (c) => (await apiOnFirstUse()).fetch(c.req.raw, c.env));

export const handler = handle(shell);
