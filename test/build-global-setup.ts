// Vitest global setup for the integration tests and the drills: the production build that the
// tests starting `npm start` or `npm run web` serve. Built here, once, before any file runs: two
// test files running at once must not both start `next build` in the same .next folder.
// `npm test` builds first, so there this only checks that the build is current.
import { ensureBuilt } from "./ensure-built";

// Both projects use this setup, and vitest runs their global setups in its main process at once.
const holder = globalThis as { vigilTestBuild?: Promise<void> };

export default async function setup() {
  await (holder.vigilTestBuild ??= ensureBuilt());
}
