import { Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { LOG_RETENTION, logRemovalPolicy, resourceName } from "./naming.js";

/** Routes anyone may call without a token; every other path needs a valid JWT. */
export const PUBLIC_ROUTES: readonly { method: apigw.HttpMethod; path: string; why: string }[] = [
  { method: apigw.HttpMethod.GET, path: "/health", why: "the load check of the API itself" },
  {
    method: apigw.HttpMethod.GET,
    path: "/organizations/{uscc}",
    why: "the public record of a registered organization (信息公示) is open to everyone by law",
  },
  {
    method: apigw.HttpMethod.POST,
    path: "/cases/{caseId}/objections",
    why: "anyone may object to an assessment result on public notice (公示), with or without an account",
  },
  { method: apigw.HttpMethod.GET, path: "/openapi.json", why: "the API description" },
  { method: apigw.HttpMethod.GET, path: "/docs", why: "the API documentation page" },
  {
    method: apigw.HttpMethod.GET,
    path: "/assets/swagger-ui-dist/{file}",
    why: "Swagger UI's files for the docs page",
  },
];

/**
 * The pages' routes: open at the gateway, since a browser carries no bearer token; the app signs their
 * visitors in with its own session cookie and reads their grants on every request.
 */
export const PAGE_ROUTES: readonly { method: apigw.HttpMethod; path: string }[] = [
  ...[
    "/",
    "/lookup",
    "/lookup/{uscc}",
    "/sign-in",
    "/sign-in/callback",
    "/lang/{lang}",
    "/assets/htmx.min.js",
  ].map((path) => ({ method: apigw.HttpMethod.GET, path })),
  { method: apigw.HttpMethod.POST, path: "/sign-out" },
  ...["/portal", "/portal/{proxy+}", "/console", "/console/{proxy+}"].map((path) => ({
    method: apigw.HttpMethod.ANY,
    path,
  })),
];

export interface HttpApiProps {
  stage: string;
  handler: IFunction;
  /** Issuer URL of the JWTs the API accepts (a Cognito user pool or the bureau's OIDC provider). */
  jwtIssuer: string;
  jwtAudience: readonly string[];
}

/** API Gateway HTTP API in front of the api Lambda: JWT on every route but the public ones and the pages, access logs. */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const integration = new HttpLambdaIntegration("Api", props.handler);
    const authorizer = new HttpJwtAuthorizer("Jwt", props.jwtIssuer, {
      authorizerName: resourceName(props.stage, "jwt"),
      jwtAudience: [...props.jwtAudience],
    });

    this.api = new apigw.HttpApi(this, "HttpApi", {
      apiName: resourceName(props.stage, "api"),
      description: "socorg: social organization supervision",
      // The default stage is declared below so that it can carry access logs.
      createDefaultStage: false,
    });

    const accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: LOG_RETENTION,
      removalPolicy: logRemovalPolicy(props.stage),
    });
    this.stage = new apigw.HttpStage(this, "DefaultStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            requestTime: "$context.requestTime",
            method: "$context.httpMethod",
            routeKey: "$context.routeKey",
            path: "$context.path",
            status: "$context.status",
            protocol: "$context.protocol",
            responseLength: "$context.responseLength",
            latency: "$context.responseLatency",
            integrationLatency: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
            authorizerError: "$context.authorizer.error",
            subject: "$context.authorizer.claims.sub",
          }),
        ),
      },
    });

    for (const path of ["/", "/{proxy+}"]) {
      this.api.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration, authorizer });
    }
    const pages = PAGE_ROUTES.map((r) => ({
      ...r,
      why: "a page, whose visitors the app signs in with its own session cookie and whose grants it checks on every request",
    }));
    for (const route of [...PUBLIC_ROUTES, ...pages]) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
      if (created) {
        Validations.of(created).acknowledge({
          id: "AwsSolutions-APIG4",
          reason: `${route.method} ${route.path} is public by design: ${route.why}.`,
        });
      }
    }
  }

  /** The base URL of the default stage. */
  get url(): string {
    return this.stage.url;
  }
}
