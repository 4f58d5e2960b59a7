// How many monitors are probed: what `npm start` weighs when it chooses one process or two.
import "server-only";
import { db } from "../db";

export function countEnabledMonitors(): Promise<number> {
  return db().monitor.count({ where: { enabled: true } });
}
