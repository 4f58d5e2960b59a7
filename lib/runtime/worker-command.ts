// How worker processes are started. The old-space cap keeps a busy worker's memory bounded: V8
// otherwise grows its heap lazily to several hundred MB of garbage under steady probing; 192 MB
// leaves ample headroom (10,000 monitors at 60 s keep 55–75 MB of heap in use). A worker allocates
// fast and briefly (results, batches): with 8 MB semi-spaces instead of 16 the young generation
// holds less garbage between scavenges — about 30 MB less resident memory in bench:scale, at the
// same schedule lag. The all-in-one process may also hold Next's server once the console is used
// (60–80 MB of heap): a higher cap. It runs a small install (≤ 1,000 monitors): 2 MB semi-spaces
// (a young generation of 4 MB, not 16) cost more frequent, shorter scavenges and save ~12 MB.
export const WORKER_HEAP_ARGS = ["--max-old-space-size=192", "--max-semi-space-size=8"];
export const ALL_IN_ONE_HEAP_ARGS = ["--max-old-space-size=256", "--max-semi-space-size=2"];

/**
 * The launcher's own Node flags (package.json's `start`). It allocates in bursts at start-up
 * (PostgreSQL's output, the set-up child's report) and then idles: with V8's default semi-spaces
 * its young generation grew to 8–16 MB at start and stayed there (28–42 MB in all, run to run);
 * 1 MB semi-spaces keep it small.
 */
export const LAUNCHER_NODE_ARGS = ["--max-semi-space-size=1"];

/**
 * The environment the launcher adds for its children (an operator's own setting of either wins):
 * - MALLOC_ARENA_MAX: glibc gives each thread that allocates its own malloc arena (up to 8 per
 *   core); Node's V8 and libuv threads each touch one, and the memory freed in them is rarely
 *   returned. Two arenas serve a Node process as well (the main thread does nearly all the
 *   allocating) at a fraction of the resident memory.
 * - GLIBC_TUNABLES, two ways glibc keeps memory a process has freed (docs/benchmarks.md: 17–45 MB
 *   of the all-in-one process). Once a process frees a large block, glibc raises its mmap threshold
 *   to that block's size (up to 32 MB) and its trim threshold to twice that, and from then on keeps
 *   that much freed memory at the top of its heap; set, the thresholds stay at glibc's initial
 *   128 KB (large blocks are mapped and unmapped on their own, freed memory beyond 128 KB at the
 *   top is returned). And small freed blocks wait in "fast bins", unmerged with their free
 *   neighbours, which holds the heap's top up; mxfast=0 merges them at once. Neither showed in the
 *   CPU per check at 1,000 monitors.
 */
export const CHILD_MEMORY_ENV = {
  MALLOC_ARENA_MAX: "2",
  GLIBC_TUNABLES: "glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072:glibc.malloc.mxfast=0",
};

/** A worker from source through the TypeScript loader: benchmarks, the memory drill and `npm run dev` (tests run the compiled one). */
export const WORKER_NODE_ARGS = [...WORKER_HEAP_ARGS, "--import", "tsx", "--conditions=react-server", "jobs/worker.ts"];
