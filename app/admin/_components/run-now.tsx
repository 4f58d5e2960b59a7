"use client";
// "Run now": one check from the web server, its result shown inline with what it did to the
// monitor's confirmed state (the page above re-renders with it too).
import { useActionState } from "react";
import { consoleAction } from "../actions";
import type { ActionState } from "@/lib/console/admin-action";
import { Outcome, useKeepingSubmit } from "./action-form";
import { formatDays } from "@/lib/checks/format";

type Result = {
  state: string;
  reasons: { code: string; message: string }[];
  warnings: { message: string }[];
  statusCode: number | null;
  latencyMs: number | null;
  certificateDaysLeft: number | null;
  countedIn: string | null;
  monitorState: string;
};

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
          <p className="hint" data-testid="run-counted">
            {result.countedIn
              ? `Counted as a check from region ${result.countedIn}: the monitor is ${result.monitorState} now.`
              : `Not counted (the monitor is paused or not probed from this instance's region): it stays ${result.monitorState}.`}
          </p>
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
