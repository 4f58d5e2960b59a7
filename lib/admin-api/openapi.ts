// The admin API's OpenAPI document, generated from the same zod schemas the verbs parse with, so the
// documentation cannot drift from what the server accepts. Served at /api/admin/openapi.json.
import { z } from "zod";
import { CreateApiKey } from "../auth/schemas";
import { SaveComponent } from "../components/schemas";
import { HTTP_STATUS_BY_ERROR_CODE } from "../errors";
import { CreateIncident, EditIncident, EditIncidentUpdate, PostIncidentUpdate, PublishPostmortem, REOPEN_WINDOW_DAYS, ReopenIncident } from "../incidents/schemas";
import { CancelMaintenance, EditMaintenance, PostMaintenanceUpdate, ScheduleMaintenance } from "../maintenance/schemas";
import { SaveMonitor } from "../monitors/schemas";
import { LOGO_MAX_BYTES } from "../page/logo-image";
import { EditPageSettings } from "../page/schemas";
import { successStatus } from "./success-status";

type Schema = z.ZodType;

/** Request bodies as clients send them (`io: "input"`); dates and coercions become plain JSON types. */
function jsonSchema(schema: Schema, omit: string[] = []): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "openapi-3.0" }) as Record<string, unknown> & {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  delete generated.$schema;
  for (const key of omit) {
    delete generated.properties?.[key];
    if (generated.required) generated.required = generated.required.filter((name) => name !== key);
  }
  return generated;
}

const ERROR_CODES = Object.keys(HTTP_STATUS_BY_ERROR_CODE);
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };
const errorResponse = {
  description: "An error: 401 no or invalid key, 403 read-only key or cross-site request, 404 unknown id, 409 conflict, 413 body too large, 400 body not a JSON object, 422 invalid input (fieldErrors names each problem)",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          error: {
            type: "object",
            properties: { code: { type: "string", enum: ERROR_CODES }, message: { type: "string" }, fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } },
            required: ["code", "message"],
          },
        },
      },
    },
  },
};
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object", properties: { data: {} } } } } });

type Method = "get" | "post" | "put" | "patch" | "delete";

/** One operation; a DELETE answers nothing (204), every other one `{ data }`. */
function operation(method: Method, summary: string, scope: "read" | "write", body?: Record<string, unknown>, withId = false, content?: Record<string, unknown>) {
  const status = successStatus(method.toUpperCase(), method !== "delete");
  return {
    [method]: {
      summary,
      description: `Needs a ${scope} API key.`,
      ...(withId ? { parameters: [idParameter] } : {}),
      ...(body || content ? { requestBody: { required: true, content: content ?? { "application/json": { schema: body } } } } : {}),
      responses: { [String(status)]: status === 204 ? { description: "Done: no content" } : ok("Success: `{ data }`"), default: errorResponse },
    },
  };
}

export function adminOpenApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: "3.0.3",
    info: {
      title: "Vigil admin API",
      version: "1",
      description:
        "Automation for incidents, updates, components, monitors, maintenance and the page settings. Authenticate with an API key created in the console (Admin → API keys): `Authorization: Bearer vigil_…`. Read keys may only GET; write keys act as an editor. Responses are `{ data }` or `{ error: { code, message, fieldErrors? } }`.",
    },
    servers: [{ url: `${serverUrl}/api/admin` }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
    security: [{ apiKey: [] }],
    paths: {
      "/incidents": {
        ...operation("get", "List incidents, newest first", "read"),
        ...operation("post", "Open an incident", "write", jsonSchema(CreateIncident)),
      },
      "/incidents/{id}": {
        ...operation("get", "One incident with components and updates", "read", undefined, true),
        ...operation(
          "patch",
          "Correct an incident (audited): name, impact, affected components (the whole list), startedAt and resolvedAt (backdating allowed, never in the future, consistent with the timeline); `notify` tells subscribers when impact or components changed",
          "write",
          jsonSchema(EditIncident, ["incidentId"]),
          true,
        ),
      },
      "/incidents/{id}/reopen": {
        ...operation("post", `Reopen a resolved incident (within ${REOPEN_WINDOW_DAYS} days of its resolution) with an update; subscribers are told only with \`notify\``, "write", jsonSchema(ReopenIncident, ["incidentId"]), true),
      },
      "/incidents/{id}/updates": { ...operation("post", "Post an update (status, Markdown body, component statuses, notify)", "write", jsonSchema(PostIncidentUpdate, ["incidentId"]), true) },
      "/incidents/{id}/postmortem": { ...operation("post", "Publish the postmortem of a resolved incident", "write", jsonSchema(PublishPostmortem, ["incidentId"]), true) },
      "/updates/{id}": {
        ...operation("patch", "Correct an update's body (audited)", "write", jsonSchema(EditIncidentUpdate, ["updateId"]), true),
        ...operation("delete", "Delete an update (audited)", "write", undefined, true),
      },
      "/components": {
        ...operation("get", "Groups and components", "read"),
        ...operation("post", "Create a component", "write", jsonSchema(SaveComponent, ["id"])),
      },
      "/components/{id}": {
        ...operation("put", "Replace a component's settings", "write", jsonSchema(SaveComponent, ["id"]), true),
        ...operation("delete", "Delete a component", "write", undefined, true),
      },
      "/monitors": {
        ...operation("get", "Every monitor with settings and state", "read"),
        ...operation("post", "Create a monitor (expectations per kind: see lib/checks/schemas.ts)", "write", jsonSchema(SaveMonitor, ["id"])),
      },
      "/monitors/{id}": {
        ...operation("get", "One monitor", "read", undefined, true),
        ...operation("put", "Replace a monitor's settings", "write", jsonSchema(SaveMonitor, ["id"]), true),
        ...operation("delete", "Delete a monitor", "write", undefined, true),
      },
      "/monitors/{id}/run": { ...operation("post", "Run one check now: the result is returned, and counted like a scheduled check when the monitor is enabled and probes from this instance's REGION", "write", undefined, true) },
      "/maintenance": {
        ...operation("get", "Maintenance windows", "read"),
        ...operation("post", "Schedule maintenance", "write", jsonSchema(ScheduleMaintenance)),
      },
      "/maintenance/{id}": {
        ...operation("patch", "Reschedule (the start only before it started), rename or re-scope a window that has not ended (audited); reminders follow a new start", "write", jsonSchema(EditMaintenance, ["maintenanceId"]), true),
      },
      "/maintenance/{id}/cancel": { ...operation("post", "Cancel a window that has not started, with a notice to its subscribers (audited)", "write", jsonSchema(CancelMaintenance, ["maintenanceId"]), true) },
      "/maintenance/{id}/updates": { ...operation("post", "Move a window along: scheduled → in_progress → verifying → completed", "write", jsonSchema(PostMaintenanceUpdate, ["maintenanceId"]), true) },
      "/page": {
        ...operation("get", "The page settings: name, description, address, time zone, links, accent colours, custom CSS, logo", "read"),
        ...operation(
          "patch",
          "Change some page settings (audited); each field given replaces what is there, null or \"\" clears an optional one. Accent colours must reach 4.5:1 contrast on their theme's background; custom CSS is at most 16 KB with no @import, no url() to other sites and no \"<\"",
          "write",
          jsonSchema(EditPageSettings),
        ),
      },
      "/page/logo": {
        ...operation("put", `Upload the logo as a multipart form field \`logo\`: PNG, JPEG or WebP (judged by its bytes), at most ${LOGO_MAX_BYTES / 1024} KB`, "write", undefined, false, {
          "multipart/form-data": { schema: { type: "object", properties: { logo: { type: "string", format: "binary" } }, required: ["logo"] } },
        }),
        ...operation("delete", "Remove the logo (the page shows its name)", "write"),
      },
    },
    "x-console-only": { apiKeys: jsonSchema(CreateApiKey) },
  };
}
