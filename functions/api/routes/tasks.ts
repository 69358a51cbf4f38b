import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { claimTask } from "../../../shared/usecases/claim-task.js";
import { decideTask } from "../../../shared/usecases/decide-task.js";
import { listTasks } from "../../../shared/usecases/list-tasks.js";
import type { Deps } from "../../../shared/usecases/support/deps.js";
import { type AppEnv, principalOf, requireRole } from "../auth.js";
import { errorResponses, respond } from "../respond.js";
import { decisionSchema, queueSchema } from "../schemas.js";

const taskIdParam = z.object({ taskId: z.string().min(1).max(64) });

export function taskRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/tasks",
      middleware: [requireRole("regulator", "supervisory_unit")] as const,
      summary:
        "A review queue, oldest due first — regulator of a district (its jurisdiction's queues; supervisory_review to read), or supervisory unit (its own supervisory_review)",
      request: {
        query: z.object({
          queue: queueSchema,
          status: z.enum(["open", "decided", "expired"]).default("open"),
        }),
      },
      responses: { 200: { description: "Tasks" }, ...errorResponses },
    }),
    async (c) => {
      const { queue, status } = c.req.valid("query");
      return respond(c, await listTasks(deps, principalOf(c), queue, status));
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tasks/{taskId}/claim",
      middleware: [requireRole("regulator", "supervisory_unit", "admin")] as const,
      summary:
        "Claim a task — regulator of the task's jurisdiction; on supervisory_review, the task's supervisory unit",
      request: { params: taskIdParam },
      responses: { 200: { description: "Claimed" }, ...errorResponses },
    }),
    async (c) => respond(c, await claimTask(deps, principalOf(c), c.req.valid("param").taskId)),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tasks/{taskId}/decision",
      middleware: [requireRole("regulator", "supervisory_unit", "admin")] as const,
      summary:
        "Decide an open task with reasons — regulator of the task's jurisdiction; on supervisory_review (consent | return), the task's supervisory unit only",
      request: {
        params: taskIdParam,
        body: { required: true, content: { "application/json": { schema: decisionSchema } } },
      },
      responses: { 200: { description: "Decided" }, ...errorResponses },
    }),
    async (c) =>
      respond(c, await decideTask(deps, principalOf(c), c.req.valid("param").taskId, c.req.valid("json"))),
  );
}
