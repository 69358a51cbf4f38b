import { handle } from "hono/aws-lambda";
import { awsDeps } from "../../infra/aws/runtime.js";
import { createApp } from "./app.js";
import { apiGatewayRequestId, authorizerClaims } from "./lambda-context.js";

const app = createApp({ deps: awsDeps(), authenticate: authorizerClaims, requestId: apiGatewayRequestId });

export const handler = handle(app);
