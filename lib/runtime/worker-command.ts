// How a worker process is started (by the launcher and the benchmarks; `npm run worker` spells out
// the same). The old-space cap keeps a busy worker's memory bounded: V8 otherwise grows its heap
// lazily to several hundred MB of garbage under steady probing; 192 MB leaves ample headroom
// (10,000 monitors at 60 s keep 55–75 MB of heap in use). A worker allocates fast and briefly
// (results, batches): with 8 MB semi-spaces instead of 16 the young generation holds less garbage
// between scavenges — about 30 MB less resident memory in bench:scale, at the same schedule lag.
export const WORKER_NODE_ARGS = ["--max-old-space-size=192", "--max-semi-space-size=8", "--import", "tsx", "--conditions=react-server", "jobs/worker.ts"];
