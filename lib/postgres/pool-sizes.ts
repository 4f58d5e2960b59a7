// How many connections each kind of process opens to PostgreSQL at most — each one is a backend
// process on the server with memory of its own (2–6 MB on the embedded cluster), so a process gets
// what its work needs, no more (docs/operator-guide.md, "Database connections"):
//   - app: the Prisma pool (lib/db.ts) — queries of pages, the console, checks and jobs;
//   - queue: pg-boss's pool (jobs/start-worker.ts) — claiming probe slots and scheduled jobs; the
//     all-in-one process has none: pg-boss sends its statements through the app pool.
// Besides these, every process holds at most one LISTEN connection, shared by all its listening
// parts (lib/postgres/shared-listener.ts). Idle pool connections close after 10 s.
export const POOL_SIZES = {
  /** Public pages come from the response cache; renders, the console and the API need a few. */
  web: { app: 5 },
  /** Result batches, state updates, the mailer and the alert dispatcher at once, at thousands of monitors. */
  worker: { app: 10, queue: 6 },
  /**
   * A small install (≤ 1,000 monitors): web, worker and pg-boss share one pool. At 100 monitors the
   * two pools kept a backend each, always busy again within their 10 s: one less is 3–5 MB.
   */
  "all-in-one": { app: 8 },
} as const;

/** Processes that do not set theirs (the CLIs, the mailer process): the app pool's default. */
export const DEFAULT_APP_POOL_SIZE = 10;
