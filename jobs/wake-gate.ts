// How the worker's sender loops (mailer, webhook sender, alert dispatcher) idle: until a wake-up (a
// NOTIFY that rows were written), a stop, their sweep, or the moment their next row falls due —
// whichever comes first. A wake-up that arrives while a loop is busy is kept until that loop next
// waits (each turn starts with `beginTurn`, whose claim answers earlier wake-ups), so none is lost
// between a claim that found nothing and the wait after it. One wake-up releases every waiter.

/** At least a moment: a row due "now" that the last claim just missed must not make a loop spin. */
const MIN_IDLE_MS = 50;

export class WakeGate {
  private woken = false;
  private halted = false;
  private readonly waiting = new Set<() => void>();

  get stopped(): boolean {
    return this.halted;
  }

  /** The start of a turn: the claim that follows answers every wake-up so far. */
  beginTurn(): void {
    this.woken = false;
  }

  wake(): void {
    this.woken = true;
    this.releaseAll();
  }

  stop(): void {
    this.halted = true;
    this.releaseAll();
  }

  /** Waits `ms`, cut short by a wake-up or a stop — at once if one came since the turn began. */
  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.woken || this.halted) return resolve();
      const release = () => {
        clearTimeout(timer);
        this.waiting.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.waiting.add(release);
    });
  }

  /** Waits for the sweep or until `nextDueAt` says the next row is due, whichever is sooner. */
  async waitForDue(nextDueAt: () => Promise<Date | null>, sweepMs: number, now: () => Date): Promise<void> {
    const due = await nextDueAt().catch(() => null);
    const untilDue = due ? Math.max(MIN_IDLE_MS, due.getTime() - now().getTime()) : Number.POSITIVE_INFINITY;
    await this.wait(Math.min(sweepMs, untilDue));
  }

  private releaseAll(): void {
    for (const release of [...this.waiting]) release();
  }
}
