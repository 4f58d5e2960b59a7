// Unit files run one after another in a shared worker (vitest.config.ts, isolate: false). The
// packages they load stay loaded; Vigil's own modules are loaded afresh for each file, so module
// state that is read once — lib/env's parsed environment, caches — never carries over.
import { vi } from "vitest";

vi.resetModules();
