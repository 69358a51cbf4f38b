import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../../shared/usecases/deps.js";
import { type AppEnv, type Authenticator, authMiddleware } from "./auth.js";
import { errorBody, handleError, validationFailed } from "./errors.js";
import { annualInspectionRoutes } from "./routes/annual-inspection.js";
import { caseRoutes } from "./routes/cases.js";
import { organizationRoutes } from "./routes/organizations.js";
import { supervisionRoutes } from "./routes/supervision.js";
import { taskRoutes } from "./routes/tasks.js";

export const MAX_BODY_BYTES = 256 * 1024;

export interface AppOptions {
  deps: Deps;
  authenticate: Authenticator;
  /** Routes only the local runtime has (dev tokens, clock, sweep, outbox). */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
  /** Where the docs page loads Swagger UI from (a public CDN unless the runtime serves it itself). */
  docsAssetsBaseUrl?: string;
}

/** The HTTP API, the same in the Lambda and on the local server; only the options differ. */
export function createApp({
  deps,
  authenticate,
  extend,
  docsAssetsBaseUrl,
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationFailed(c, result.error, result.target);
    },
  });
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404));
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          errorBody("payload_too_large", `the body exceeds ${MAX_BODY_BYTES} bytes`, [
            { field: "body", code: "too_big", message: `at most ${MAX_BODY_BYTES} bytes` },
          ]),
          413,
        ),
    }),
  );
  app.use("*", authMiddleware(authenticate));

  app.get("/health", (c) => c.json({ status: "ok" }));
  caseRoutes(app, deps);
  taskRoutes(app, deps);
  organizationRoutes(app, deps);
  supervisionRoutes(app, deps);
  annualInspectionRoutes(app, deps);
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
  app.get(
    "/docs",
    swaggerUI({ url: "/openapi.json", ...(docsAssetsBaseUrl ? { baseUrl: docsAssetsBaseUrl } : {}) }),
  );
  return app;
}
