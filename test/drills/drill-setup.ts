// What every drill holds — a database client, local targets, Vigil processes — released after the
// drill's file whatever happened (processes get SIGTERM, then SIGKILL after 5 s).
import type pg from "pg";
import { afterAll } from "vitest";
import type { TargetServers, VigilProcess } from "../vigil-processes";

export type DrillRig = { client?: pg.Client; targets?: TargetServers; processes: VigilProcess[] };

export function drillRig(): DrillRig {
  const rig: DrillRig = { processes: [] };
  afterAll(async () => {
    await Promise.all(rig.processes.map((process_) => process_.stop(5_000)));
    await rig.client?.end();
    await rig.targets?.close();
  });
  return rig;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first column of the first row of a count query. */
export async function count(client: pg.Client, sql: string): Promise<number> {
  return Number((await client.query(sql)).rows[0].n);
}
