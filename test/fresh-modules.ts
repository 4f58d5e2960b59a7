// Unit files run one after another in a shared worker (vitest.config.ts, isolate: false). The
// packages they load stay loaded; Vigil's own modules are loaded afresh for each file, so module
// state read once, such as lib/env's parsed environment, starts over. What lives on globalThis (the
// logger, the metrics registries) and process.env is shared: a file that changes process.env
// restores it.
import { vi } from "vitest";

vi.resetModules();
