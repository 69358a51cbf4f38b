import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./auth.js";
import { errorBody } from "./errors.js";

/** Swagger UI's own files, which the docs page loads from the API itself, so it works on a closed network. */
export const SWAGGER_UI_FILES: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** Where the docs page finds them: `<base>/swagger-ui-dist/<file>`. */
export const DOCS_ASSETS_BASE = "/assets";

/** Serves Swagger UI's files from `dir` (swagger-ui-dist locally, the copy beside the api Lambda's bundle on AWS). */
export function docsAssetRoutes(app: OpenAPIHono<AppEnv>, dir: string): void {
  app.get(`${DOCS_ASSETS_BASE}/swagger-ui-dist/:file`, async (c) => {
    const file = c.req.param("file");
    const type = SWAGGER_UI_FILES[file];
    if (!type) return c.json(errorBody("not_found", `no asset ${file}`), 404);
    return c.body(await readFile(join(dir, file)), 200, {
      "content-type": type,
      "cache-control": "public, max-age=86400",
    });
  });
}
