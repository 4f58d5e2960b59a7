import { describe, expect, it } from "vitest";
import { adminOpenApiDocument } from "./openapi";

describe("admin OpenAPI document", () => {
  const doc = adminOpenApiDocument("https://status.example.fm") as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> } }>> };

  it("documents every admin route with the verbs' own schemas", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/components", "/components/{id}", "/incidents", "/incidents/{id}", "/incidents/{id}/postmortem", "/incidents/{id}/reopen", "/incidents/{id}/updates", "/maintenance", "/maintenance/{id}", "/maintenance/{id}/cancel", "/maintenance/{id}/updates", "/monitors", "/monitors/{id}", "/monitors/{id}/run", "/page", "/page/logo", "/updates/{id}"].sort(),
    );
    const create = doc.paths["/incidents"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(["name", "impact", "status", "body", "components", "notify"]));
    expect(create.required).toEqual(expect.arrayContaining(["name", "body"]));
    const update = doc.paths["/incidents/{id}/updates"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(update.properties).not.toHaveProperty("incidentId");
    const edit = doc.paths["/incidents/{id}"]!.patch!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(edit.properties).sort()).toEqual(["components", "impact", "name", "note", "notify", "resolvedAt", "startedAt"]);
    expect(edit.required ?? []).toEqual([]);
    const monitor = doc.paths["/monitors"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(monitor.properties.kind).toMatchObject({ enum: ["http", "tls", "feed", "dns", "tcp"] });
    const page = doc.paths["/page"]!.patch!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(page.properties).sort()).toEqual(["accentColor", "accentColorDark", "customCss", "description", "footerLinks", "language", "name", "supportUrl", "timeZone", "url"]);
    expect(doc.paths["/page/logo"]!.put!.requestBody!.content).toHaveProperty("multipart/form-data");
  });
});
