"use server";
// The console's server action: one entry point, dispatching to the registry in
// lib/console/console-actions.ts through executeAdminAction (origin, session, role, zod, errors).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestFacts } from "@/lib/auth/require-admin";
import { executeAdminAction, type ActionState } from "@/lib/console/admin-action";
import { consoleActions, type ConsoleActionName } from "@/lib/console/console-actions";

export async function consoleAction(name: ConsoleActionName, _previous: ActionState | null, form: FormData): Promise<ActionState> {
  if (!Object.hasOwn(consoleActions, name)) return { ok: false, error: "Unknown action.", fieldErrors: {} };
  // The console's clock is read here, once per action: the verbs take it as ctx.now.
  const state = await executeAdminAction(consoleActions[name], await requestFacts(), form, new Date());
  // Re-render the console with what changed (pages read live data; nothing else is cached).
  if (state.ok) revalidatePath("/admin", "layout");
  if (state.ok && state.redirectTo) redirect(state.redirectTo);
  return state;
}
