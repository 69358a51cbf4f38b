import type { Context } from "hono";

/**
 * What API Gateway (HTTP API, payload 2.0) hands the Lambda beside the request, as far as we read it. The
 * authorizer's claims are not read: the app checks the bearer token itself (bearer-tokens.ts).
 */
interface ApiGatewayEnv {
  event?: { requestContext?: { requestId?: unknown } };
}

const requestContextOf = (c: Context) => (c.env as ApiGatewayEnv | undefined)?.event?.requestContext;

/** API Gateway's id of the request, the one its access log and CloudWatch show. */
export const apiGatewayRequestId = (c: Context): string | undefined => {
  const id = requestContextOf(c)?.requestId;
  return typeof id === "string" && id !== "" ? id : undefined;
};
