// At most `limit` concurrent holders per key (per host, for politeness); waiters are served in order.
// The limit may change while holders run (load shedding, jobs/memory-watch.ts): lowered, releases
// admit no one until the holders are below it; raised, each release admits waiters up to it.
export class KeyedLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly limit: () => number;

  constructor(limit: number | (() => number)) {
    this.limit = typeof limit === "number" ? () => limit : limit;
  }

  /** How many hold a place under `key` now. */
  holders(key: string): number {
    return this.active.get(key) ?? 0;
  }

  async acquire(key: string): Promise<void> {
    const count = this.active.get(key) ?? 0;
    if (count < this.limit() && !this.waiting.has(key)) {
      this.active.set(key, count + 1);
      return;
    }
    await new Promise<void>((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  release(key: string): void {
    let count = (this.active.get(key) ?? 1) - 1;
    const queue = this.waiting.get(key);
    while (queue && queue.length > 0 && count < this.limit()) {
      count += 1;
      queue.shift()!();
    }
    if (queue?.length === 0) this.waiting.delete(key);
    if (count === 0) this.active.delete(key);
    else this.active.set(key, count);
  }
}
