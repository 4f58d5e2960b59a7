import { requireAdmin } from "@/lib/auth/require-admin";
import { listComponentChoices } from "@/lib/console/incidents";
import { listIncidentTemplates } from "@/lib/incidents/incident-templates";
import { NewIncidentForm } from "../../../_components/incident-form";

export default async function NewIncidentPage() {
  await requireAdmin("edit");
  const [components, templates] = await Promise.all([listComponentChoices(), listIncidentTemplates()]);
  return (
    <>
      <h1>Open an incident</h1>
      <NewIncidentForm components={components} templates={templates} />
    </>
  );
}
