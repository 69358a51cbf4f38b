import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { resolveCaller } from "../../shared/usecases/resolve-caller.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { type WebOptions, webPages } from "../web/index.js";
import { type AppEnv, type Authenticator, authMiddleware } from "./auth.js";
import { bodyLimitMiddleware } from "./body-limit.js";
import { DOCS_ASSETS_BASE, docsAssetRoutes } from "./docs-assets.js";
import { errorBody, handleError, validationFailed } from "./errors.js";
import { requestLog } from "./request-log.js";
import { annualInspectionRoutes } from "./routes/annual-inspection.js";
import { assessmentRoutes } from "./routes/assessment.js";
import { calendarRoutes } from "./routes/calendar.js";
import { caseRoutes } from "./routes/cases.js";
import { grantRoutes } from "./routes/grants.js";
import { organizationRoutes } from "./routes/organizations.js";
import { registerEventRoutes } from "./routes/register-events.js";
import { supervisionRoutes } from "./routes/supervision.js";
import { taskRoutes } from "./routes/tasks.js";

/** Every routes module, one line each, in the order their routes are matched. */
const routeModules: ((app: OpenAPIHono<AppEnv>, deps: Deps) => void)[] = [
  caseRoutes,
  taskRoutes,
  organizationRoutes,
  supervisionRoutes,
  annualInspectionRoutes,
  assessmentRoutes,
  registerEventRoutes,
  grantRoutes,
  calendarRoutes,
];

export interface AppOptions {
  deps: Deps;
  authenticate: Authenticator;
  /** The runtime's own id of a request (API Gateway's on AWS); a fresh one where it has none. */
  requestId?: (c: Context) => string | undefined;
  /** Routes only the local runtime has (dev tokens, clock, sweep, outbox). */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
  /** The pages (portal, console, public lookup), with how their sessions are kept. */
  pages?: WebOptions;
  /** The directory holding Swagger UI's files, which the API then serves to its docs page (else a public CDN). */
  docsAssetsDir?: string;
}

/** The HTTP API, the same in the Lambda and on the local server; only the options differ. */
export function createApp({
  deps,
  authenticate,
  requestId,
  extend,
  pages,
  docsAssetsDir,
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationFailed(c, result.error, result.target);
    },
  });
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404));
  app.use("*", requestLog(deps.log, requestId));
  app.use("*", bodyLimitMiddleware());
  app.use(
    "*",
    authMiddleware(authenticate, (identity) => resolveCaller(deps, identity)),
  );

  app.get("/health", (c) => c.json({ status: "ok" }));
  for (const routes of routeModules) routes(app, deps);
  if (pages) app.route("/", webPages(deps, pages));
  extend?.(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "socorg API",
      version: "1",
      description: "Supervision of social organizations (社会组织)",
    },
    security: [{ bearer: [] }],
  });
  if (docsAssetsDir) docsAssetRoutes(app, docsAssetsDir);
  app.get(
    "/docs",
    swaggerUI({ url: "/openapi.json", ...(docsAssetsDir ? { baseUrl: DOCS_ASSETS_BASE } : {}) }),
  );
  return app;
}
