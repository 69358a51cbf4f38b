import { handle } from "hono/aws-lambda";
import { awsDeps } from "../../infra/aws/runtime.js";
import { createApp } from "./app.js";
import { principalFromClaims } from "./auth.js";

/** API Gateway's JWT authorizer has verified the token; its claims arrive on the request context. */
const app = createApp({
  deps: awsDeps(),
  authenticate: async (c) => {
    const event = (c.env as { event?: { requestContext?: { authorizer?: { jwt?: { claims?: object } } } } })
      .event;
    const claims = event?.requestContext?.authorizer?.jwt?.claims;
    return claims ? principalFromClaims(claims as Record<string, unknown>) : undefined;
  },
});

export const handler = handle(app);
