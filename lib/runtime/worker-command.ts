// How a worker process is started (by the launcher and the benchmarks; `npm run worker` spells out
// the same). The old-space cap keeps a busy worker's memory bounded: V8 otherwise grows its heap
// lazily to several hundred MB of garbage under steady probing; 192 MB leaves ample headroom
// (10,000 monitors at 60 s need well under half of it).
export const WORKER_NODE_ARGS = ["--max-old-space-size=192", "--import", "tsx", "--conditions=react-server", "jobs/worker.ts"];
