import type { Context } from "hono";
import type { Authenticator } from "./auth.js";
import { principalFromClaims } from "./auth.js";

/** What API Gateway (HTTP API, payload 2.0) hands the Lambda beside the request, as far as we read it. */
interface ApiGatewayEnv {
  event?: { requestContext?: { requestId?: unknown; authorizer?: { jwt?: { claims?: unknown } } } };
}

const requestContextOf = (c: Context) => (c.env as ApiGatewayEnv | undefined)?.event?.requestContext;

/** API Gateway's JWT authorizer has verified the token; its claims arrive on the request context. */
export const authorizerClaims: Authenticator = async (c) => {
  const claims = requestContextOf(c)?.authorizer?.jwt?.claims;
  return claims && typeof claims === "object"
    ? principalFromClaims(claims as Record<string, unknown>)
    : undefined;
};

/** API Gateway's id of the request, the one its access log and CloudWatch show. */
export const apiGatewayRequestId = (c: Context): string | undefined => {
  const id = requestContextOf(c)?.requestId;
  return typeof id === "string" && id !== "" ? id : undefined;
};
