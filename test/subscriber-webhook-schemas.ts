// Statuspage's webhook subscriber payloads, written from its documentation ("Enable webhook
// notifications": meta, page, and either incident or component_update + component) as zod schemas.
// The incident object is the one of the public API v2 (lib/public-read/statuspage/schemas.ts).
import { z } from "zod";
import { ComponentStatusV2, IncidentV2, IndicatorV2 } from "../lib/public-read/statuspage/schemas";

const timestamp = z.iso.datetime({ offset: true, precision: 3 });

const envelope = {
  meta: z.strictObject({ unsubscribe: z.url(), documentation: z.url() }),
  page: z.strictObject({ id: z.string().min(1), status_indicator: IndicatorV2, status_description: z.string().min(1) }),
};

export const IncidentWebhookPayload = z.strictObject({ ...envelope, incident: IncidentV2 });

export const ComponentUpdateWebhookPayload = z.strictObject({
  ...envelope,
  component_update: z.strictObject({
    created_at: timestamp,
    new_status: ComponentStatusV2,
    old_status: ComponentStatusV2,
    id: z.string().min(1),
    component_id: z.string().min(1),
  }),
  // The documented fields; Vigil sends the whole v2 component (more keys are allowed here).
  component: z.object({ created_at: timestamp, id: z.string().min(1), name: z.string(), status: ComponentStatusV2 }),
});
