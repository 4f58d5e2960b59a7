// Waiting in integration tests for something another connection or process does: poll a condition
// with a deadline (a failure names what never happened), never a fixed sleep standing in for it.

/** Polls `condition` every `everyMs` until it holds; throws "timed out waiting until <what>" after `timeoutMs`. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
