// How many connections each kind of process opens to PostgreSQL at most — each one is a backend
// process on the server with memory of its own (2–6 MB on the embedded cluster), so a process gets
// what its work needs, no more (docs/operator-guide.md, "Database connections"):
//   - app: the Prisma pool (lib/db.ts) — queries of pages, the console, checks and jobs;
//   - queue: pg-boss's pool (jobs/start-worker.ts) — claiming probe slots and scheduled jobs; the
//     all-in-one process has none: pg-boss sends its statements through the app pool.
// Besides these, every process holds at most one LISTEN connection, shared by all its listening
// parts (lib/postgres/shared-listener.ts). Idle pool connections close after 10 s, except the
// `kept` ones: the all-in-one's once-a-second work (pg-boss claims the slot's job, the checks'
// monitors load, the results are written) often needs two connections at once, but not again
// within 10 s, and every connection opened again costs PostgreSQL a new backend (about 20 ms of
// CPU to start on a small VM, then its caches warm anew). Keeping two halved PostgreSQL's CPU at
// 100 monitors for about 3 MB of PSS (docs/benchmarks.md, bench:footprint). A split worker claims
// through a pool of its own; its app pool keeps none (not measured).
export type AppPoolSize = { max: number; kept: number };

export const POOL_SIZES = {
  /** Public pages come from the response cache; renders, the console and the API need a few. */
  web: { app: { max: 5, kept: 0 } },
  /** Result batches, state updates, the mailer and the alert dispatcher at once, at thousands of monitors. */
  worker: { app: { max: 10, kept: 0 }, queue: 6 },
  /**
   * A small install (≤ 1,000 monitors): web, worker and pg-boss share one pool. At 100 monitors the
   * two pools kept a backend each, always busy again within their 10 s: one less is 3–5 MB.
   */
  "all-in-one": { app: { max: 8, kept: 2 } },
} as const satisfies Record<string, { app: AppPoolSize; queue?: number }>;

/** Processes that do not set theirs (the CLIs, the mailer process): the app pool's default. */
export const DEFAULT_APP_POOL_SIZE: AppPoolSize = { max: 10, kept: 0 };
