// Worker liveness: stopped workers leave the counts (at once when they exit cleanly, after three
// missed beats when they die), and a region whose workers all stopped stays listed as stale.
import { expect, it } from "vitest";
import { deregisterWorker, readWorkerLiveness, recordHeartbeat } from "./heartbeats";

const T0 = new Date("2026-11-20T08:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const worker = (workerId: string, region: string) => ({ workerId, region, version: "test", hostname: "h", pid: 1, startedAt: T0 });

it("counts only workers that beat within three intervals, and forgets one that deregistered", async () => {
  await recordHeartbeat(worker("eu-1", "eu"), at(0));
  await recordHeartbeat(worker("eu-2", "eu"), at(0));
  await recordHeartbeat(worker("us-1", "us"), at(0));
  expect(await readWorkerLiveness(at(1), 10)).toMatchObject([
    { region: "eu", workers: 2, stale: false },
    { region: "us", workers: 1, stale: false },
  ]);

  // eu-2 dies (no more beats); the others keep beating every 10 s.
  for (const second of [10, 20, 30]) {
    await recordHeartbeat(worker("eu-1", "eu"), at(second));
    await recordHeartbeat(worker("us-1", "us"), at(second));
  }
  expect(await readWorkerLiveness(at(30), 10)).toMatchObject([{ region: "eu", workers: 2 }, { region: "us" }]); // two beats missed: still counted
  expect(await readWorkerLiveness(at(31), 10)).toMatchObject([{ region: "eu", workers: 1, stale: false }, { region: "us", workers: 1 }]);

  // us-1 exits cleanly: gone at once, and its region with it.
  await deregisterWorker("us-1");
  expect((await readWorkerLiveness(at(31), 10)).map((r) => r.region)).toEqual(["eu"]);

  // eu-1 dies too: the region stays listed, stale, with no worker.
  expect(await readWorkerLiveness(at(61), 10)).toMatchObject([{ region: "eu", workers: 0, stale: true, ageSeconds: 31 }]);
});
