import { requireAdmin } from "@/lib/auth/require-admin";
import { listComponentChoices } from "@/lib/console/incidents";
import { monitorKindOptions } from "@/lib/console/monitor-options";
import { MonitorForm } from "../../../_components/monitor-form";

export default async function NewMonitorPage() {
  await requireAdmin("edit");
  return (
    <>
      <h1>New monitor</h1>
      <MonitorForm components={await listComponentChoices()} kindOptions={monitorKindOptions()} />
    </>
  );
}
