import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "@/test/fixtures/status-snapshot";
import { ComponentUpdateWebhookPayload, IncidentWebhookPayload } from "@/test/subscriber-webhook-schemas";
import { PlainComponentV2, ScheduledMaintenanceV2 } from "../public-read/statuspage/schemas";
import { componentUpdateWebhook, incidentWebhook } from "./webhook-payloads";

const snapshot = fixtureSnapshot();
const meta = { unsubscribe: "https://status.example.com/subscription/t", documentation: "https://status.example.com/subscribe#webhooks" };

describe("subscriber webhook payloads (Statuspage's shapes)", () => {
  it("an incident event: meta, the page's indicator, and the incident as /api/v2 shows it", () => {
    const incident = snapshot.incidents.find((i) => i.id === "inc-open")!;
    const payload = IncidentWebhookPayload.parse(incidentWebhook(snapshot, incident, meta));
    expect(payload.meta).toEqual(meta);
    expect(payload.page).toEqual({ id: "page", status_indicator: snapshot.status.indicator, status_description: snapshot.status.description });
    expect(payload.incident).toMatchObject({ id: "inc-open", shortlink: "https://status.example.com/incidents/inc-open" });
    expect(payload.incident.incident_updates.map((u) => u.id)).toEqual(["upd-2", "upd-1"]);
  });

  it("maintenance goes out as an incident with maintenance statuses and its window", () => {
    const maintenance = snapshot.maintenances.find((m) => m.id === "mnt-now")!;
    const { incident } = incidentWebhook(snapshot, maintenance, meta);
    expect(ScheduledMaintenanceV2.parse(incident)).toMatchObject({ status: "in_progress", scheduled_until: "2026-11-29T08:00:00.000-05:00" });
  });

  it("a component_update: the change in the page's time zone and the component; none for a component that is gone", () => {
    const update = { id: "42", componentId: "cmp-cdn", oldStatus: "operational" as const, newStatus: "major_outage" as const, createdAt: "2026-11-30T15:00:00.000Z" };
    const payload = componentUpdateWebhook(snapshot, update, meta)!;
    ComponentUpdateWebhookPayload.parse(payload);
    expect(payload.component_update).toEqual({ created_at: "2026-11-30T10:00:00.000-05:00", new_status: "major_outage", old_status: "operational", id: "42", component_id: "cmp-cdn" });
    // The whole /api/v2 component: Statuspage documents four of its keys for webhooks.
    expect(PlainComponentV2.parse(payload.component)).toMatchObject({ id: "cmp-cdn", name: "CDN", group_id: "grp-web", group: false });
    expect(componentUpdateWebhook(snapshot, { ...update, componentId: "grp-web" }, meta)).toBeNull();
    expect(componentUpdateWebhook(snapshot, { ...update, componentId: "cmp-deleted" }, meta)).toBeNull();
  });
});
