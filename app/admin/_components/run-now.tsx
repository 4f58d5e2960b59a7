"use client";
// "Run now": one check from the web server, its result shown inline.
import { useActionState } from "react";
import { consoleAction } from "../actions";
import type { ActionState } from "@/lib/console/admin-action";
import { Outcome, useKeepingSubmit } from "./action-form";
import { formatDays } from "@/lib/checks/format";

type Result = { state: string; reasons: { code: string; message: string }[]; warnings: { message: string }[]; statusCode: number | null; latencyMs: number | null; certificateDaysLeft: number | null };

export function RunNow({ monitorId }: { monitorId: string }) {
  const [state, action, pending] = useActionState<ActionState | null, FormData>(consoleAction.bind(null, "runMonitorNow"), null);
  const form = useKeepingSubmit(action, state);
  const result = state?.ok ? (state.data as Result | undefined) : undefined;
  return (
    <form {...form} className="action-form">
      <input type="hidden" name="id" value={monitorId} />
      <button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Run now"}
      </button>
      {state && !state.ok && <Outcome state={state} />}
      {result && (
        <div className={`run-result state-${result.state}`} data-testid="run-result" role="status">
          <strong>{result.state.toUpperCase()}</strong>
          {result.statusCode !== null && ` · HTTP ${result.statusCode}`}
          {result.latencyMs !== null && ` · ${result.latencyMs} ms`}
          {result.certificateDaysLeft !== null && ` · certificate: ${formatDays(result.certificateDaysLeft)} left`}
          <ul>
            {result.reasons.map((r, i) => (
              <li key={i}>
                {r.code}: {r.message}
              </li>
            ))}
            {result.warnings.map((w, i) => (
              <li key={`w${i}`}>warning: {w.message}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
