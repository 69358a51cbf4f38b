/** Files of an installed package that a Lambda reads at run time, copied beside its bundle. */
export interface StaticFiles {
  readonly package: string;
  readonly dir: string;
  readonly files: readonly string[];
}

/** Swagger UI's files, copied beside the api Lambda's bundle so `/docs` needs no CDN (read on request, not at init). */
export const API_STATIC_FILES: StaticFiles = {
  package: "swagger-ui-dist",
  dir: "swagger-ui",
  files: ["swagger-ui.css", "swagger-ui-bundle.js"],
};
