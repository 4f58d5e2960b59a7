// Runs once when the Next server starts (scripts/web.ts; Next never calls it during `next build`):
// the web process's own alerts (lib/alerts/web-alert-loop.ts). The clock is read here, at the edge.
// A loop that cannot start is logged and the page is served regardless.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startWebAlertLoop }, { logger }] = await Promise.all([import("./lib/alerts/web-alert-loop"), import("./lib/log")]);
  startWebAlertLoop(() => new Date()).catch((error: unknown) => logger().error({ err: error }, `the web process's worker watch did not start: ${(error as Error).message}`));
}
