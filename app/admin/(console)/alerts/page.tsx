import type { ReactNode } from "react";
import { listAlertChannels, type AlertChannelView } from "@/lib/alerts/alert-channels-read";
import { listAlertRules, type AlertRuleChoices, type AlertRuleView } from "@/lib/alerts/alert-rules-read";
import { ALERT_EVENT_KINDS } from "@/lib/alerts/events";
import { ALERT_CHANNEL_KINDS } from "@/lib/alerts/schemas";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { ActionForm, Field, FieldError } from "../../_components/action-form";
import { formatTime } from "../../_components/format";

// Alert channels: where the team hears first (docs/alerts.md). Secrets are never shown again —
// only their hints — and an edit that leaves a secret field empty keeps the stored one. Below them,
// the rules: which events go to which channels.
export default async function AlertsPage() {
  const { actor } = await requireAdmin();
  const [channels, { rules, choices }] = await Promise.all([listAlertChannels(), listAlertRules()]);
  const editor = canEdit(actor);
  return (
    <>
      <h1>Alert channels</h1>
      <p className="hint">
        Where the team hears of outages, incidents, certificates and reminders first. Channels in <code>vigil.config.yaml</code> are read-only here. Without rules every
        event goes to every channel.
      </p>
      <div className="table-scroll"><table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Destination</th>
            <th>Deliveries</th>
            <th>Last failure</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <tr key={channel.id} data-testid={`channel-${channel.name}`}>
              <td>
                {channel.name}
                {!channel.enabled && " (disabled)"}
                {channel.managedByConfig && <span className="hint"> · config file</span>}
              </td>
              <td>{channel.kind}</td>
              <td>
                <code>{channel.destination}</code>
                {Object.entries(channel.secretHints)
                  .filter(([field]) => field !== "url")
                  .map(([field, hint]) => (
                    <div key={field} className="hint">
                      {field}: <code>{hint}</code>
                    </div>
                  ))}
              </td>
              <td>
                {channel.sent} sent, {channel.pending} pending, <span className={channel.failed > 0 ? "form-error" : undefined}>{channel.failed} failed</span>
              </td>
              <td>{channel.lastFailure ? `${formatTime(channel.lastFailure.at)} ${channel.lastFailure.event}: ${channel.lastFailure.reason}` : "—"}</td>
              <td>
                {editor && (
                  <>
                    <ActionForm action="sendTestAlert" submit="Send test alert" secondary>
                      <input type="hidden" name="name" value={channel.name} />
                    </ActionForm>
                    {!channel.managedByConfig && (
                      <>
                        <details>
                          <summary>Edit</summary>
                          <ChannelForm channel={channel} />
                        </details>
                        <ActionForm action="deleteAlertChannel" submit="Remove" confirm={`Remove ${channel.name}? Its pending alerts are dropped.`} secondary>
                          <input type="hidden" name="id" value={channel.id} />
                        </ActionForm>
                      </>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {editor && (
        <section aria-label="New alert channel" className="card">
          <h2>New channel</h2>
          <ChannelForm />
        </section>
      )}
      <section aria-label="Alert rules">
        <h2>Rules</h2>
        <p className="hint">
          Without rules every event goes to every channel. With rules, an event goes to the channels of every rule it matches, and a channel no rule names hears
          nothing. A rule without events matches every event; one without components or groups matches events of any component, and those of none (certificates,
          workers, mail). Rules in <code>vigil.config.yaml</code> are read-only here.
        </p>
        {rules.length === 0 ? (
          <p>No rules: every event goes to every channel.</p>
        ) : (
          <div className="table-scroll"><table>
            <thead>
              <tr>
                <th>Channels</th>
                <th>Events</th>
                <th>Components and groups</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, index) => (
                <tr key={rule.id} data-testid={`rule-${index + 1}`}>
                  <td>
                    {rule.channels.join(", ")}
                    {rule.managedByConfig && <span className="hint"> · config file</span>}
                  </td>
                  <td>{rule.events.length > 0 ? rule.events.join(", ") : "every event"}</td>
                  <td>{scopeOf(rule, choices)}</td>
                  <td>
                    {editor && !rule.managedByConfig && (
                      <>
                        <details>
                          <summary>Edit</summary>
                          <RuleForm rule={rule} choices={choices} />
                        </details>
                        <ActionForm action="deleteAlertRule" submit="Remove" confirm="Remove this rule?" secondary>
                          <input type="hidden" name="id" value={rule.id} />
                        </ActionForm>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
        {editor && (
          <section aria-label="New alert rule" className="card">
            <h3>New rule</h3>
            <RuleForm choices={choices} />
          </section>
        )}
      </section>
    </>
  );
}

function scopeOf(rule: AlertRuleView, choices: AlertRuleChoices): string {
  const nameOf = (list: { id: string; name: string }[], id: string) => list.find((item) => item.id === id)?.name ?? `${id} (gone)`;
  const parts = [...rule.componentIds.map((id) => nameOf(choices.components, id)), ...rule.groupIds.map((id) => `group ${nameOf(choices.groups, id)}`)];
  return parts.length > 0 ? parts.join(", ") : "everything";
}

function RuleForm({ rule, choices }: { rule?: AlertRuleView; choices: AlertRuleChoices }): ReactNode {
  const boxes = (name: string, legend: string, options: { value: string; label: string }[], chosen: string[] = []) => (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="check">
          <input type="checkbox" name={name} value={option.value} defaultChecked={chosen.includes(option.value)} /> {option.label}
        </label>
      ))}
      <FieldError name={name} />
    </fieldset>
  );
  return (
    <ActionForm action="saveAlertRule" submit={rule ? "Save rule" : "Add rule"}>
      {rule && <input type="hidden" name="id" value={rule.id} />}
      {boxes("channels", "Channels", choices.channels.map((name) => ({ value: name, label: name })), rule?.channels)}
      {boxes("events", "Events (none: every event)", ALERT_EVENT_KINDS.map((kind) => ({ value: kind, label: kind })), rule?.events)}
      {boxes("componentIds", "Components (none, and no group: every component)", choices.components.map((c) => ({ value: c.id, label: c.name })), rule?.componentIds)}
      {boxes("groupIds", "Groups", choices.groups.map((g) => ({ value: g.id, label: g.name })), rule?.groupIds)}
    </ActionForm>
  );
}

function ChannelForm({ channel }: { channel?: AlertChannelView }): ReactNode {
  const editing = channel !== undefined;
  const keep = editing ? "leave empty to keep the stored one" : undefined;
  return (
    <ActionForm action="saveAlertChannel" submit={editing ? "Save channel" : "Add channel"}>
      {channel && <input type="hidden" name="id" value={channel.id} />}
      <Field label="Name" name="name">
        <input name="name" defaultValue={channel?.name} placeholder="ops-slack" required />
      </Field>
      <Field label="Kind" name="kind">
        <select name="kind" defaultValue={channel?.kind ?? "webhook"}>
          {ALERT_CHANNEL_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </Field>
      <Field label="URL (webhook, Slack, Discord, Teams; the server for ntfy, the endpoint for PagerDuty)" name="url">
        {/* A URL in the settings (ntfy's server, PagerDuty's endpoint) is no secret: shown to edit. */}
        <input name="url" type="url" autoComplete="off" defaultValue={channel?.settings.url} placeholder={keep ?? "https://hooks.slack.com/services/…"} />
      </Field>
      <Field label="Signing secret (webhook, 16+ characters)" name="secret">
        <input name="secret" type="password" autoComplete="off" placeholder={keep} />
      </Field>
      <Field label="Routing key (PagerDuty)" name="routingKey">
        <input name="routingKey" type="password" autoComplete="off" placeholder={keep} />
      </Field>
      <Field label="Topic (ntfy)" name="topic">
        <input name="topic" placeholder="vigil-ops" defaultValue={channel?.settings.topic} />
      </Field>
      <Field label="Access token (ntfy, optional)" name="token">
        <input name="token" type="password" autoComplete="off" placeholder={keep} />
      </Field>
      <Field label="Addresses (email, separated by commas)" name="to">
        <input name="to" placeholder="ops@example.com" defaultValue={channel?.settings.to?.join(", ")} />
      </Field>
      <Field label="Priority (ntfy, 1-5; empty: from the event)" name="priority">
        <input name="priority" type="number" min={1} max={5} defaultValue={channel?.settings.priority} />
      </Field>
      <Field label="Tags (ntfy, separated by commas; empty: from the event)" name="tags">
        <input name="tags" defaultValue={channel?.settings.tags?.join(", ")} />
      </Field>
      <input type="hidden" name="enabledShown" value="1" />
      <label>
        <input type="checkbox" name="enabled" defaultChecked={channel?.enabled ?? true} /> Enabled
      </label>
    </ActionForm>
  );
}
