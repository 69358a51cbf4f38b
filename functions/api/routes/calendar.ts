import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { loadOfficialCalendar } from "../../../shared/usecases/load-official-calendar.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { viewOfficialCalendar } from "../../../shared/usecases/view-official-calendar.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, respond } from "../respond.js";
import { isoDateSchema } from "../schemas.js";

const yearParams = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: "year", in: "path" }, example: 2027 }),
});

const noticeSchema = z
  .object({
    holidays: z.array(isoDateSchema).max(100),
    workdays: z.array(isoDateSchema).max(50),
    source: z.string().trim().min(1).max(500).openapi({ example: "国办发明电〔2026〕7号" }),
  })
  .openapi("HolidayNotice");

export function calendarRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/calendar/{year}",
      middleware: [requireRole("org", "regulator", "admin")] as const,
      summary: "A year's official holiday calendar (放假, 调休) as the system applies it — any token",
      request: { params: yearParams },
      responses: {
        200: { description: "The calendar; published false while the year has none" },
        ...errorResponses,
      },
    }),
    async (c) => {
      const out = await viewOfficialCalendar(deps, c.req.valid("param").year);
      return respond(c, out.body, out.status);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/calendar/{year}",
      middleware: [requireRole("admin")] as const,
      summary:
        "Load a year's State Council holiday notice; provisional deadlines of that year are counted again — admin",
      request: {
        params: yearParams,
        body: { required: true, content: { "application/json": { schema: noticeSchema } } },
      },
      responses: {
        200: { description: "The calendar as applied, and the deadlines it moved" },
        ...errorResponses,
      },
    }),
    async (c) => {
      const out = await loadOfficialCalendar(
        deps,
        principalOf(c),
        c.req.valid("param").year,
        c.req.valid("json"),
      );
      return respond(c, out.body, out.status);
    },
  );
}
