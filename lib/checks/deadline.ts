// The hard time budget of one check: when it runs out, every socket bound to it is destroyed, so a
// server that accepts and then stalls cannot hold a check (or a worker slot) beyond its timeout.
import type { Socket } from "node:net";
import { ProbeError } from "./probe-error";

export class Deadline {
  readonly startedAt = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly onTimeout = new Set<() => void>();
  private timedOut = false;

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      for (const callback of this.onTimeout) callback();
      this.onTimeout.clear();
    }, timeoutMs);
  }

  get expired(): boolean {
    return this.timedOut;
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  remainingMs(): number {
    return Math.max(0, this.timeoutMs - (performance.now() - this.startedAt));
  }

  /** Calls `callback` when the budget runs out (at once if it has); returns its cancellation. */
  onExpire(callback: () => void): () => void {
    if (this.timedOut) {
      callback();
      return () => {};
    }
    this.onTimeout.add(callback);
    return () => this.onTimeout.delete(callback);
  }

  /** Destroys the socket when the budget runs out, unless it has closed by then. */
  bind(socket: Socket): void {
    const cancel = this.onExpire(() => socket.destroy(new ProbeError("timeout", `No answer within the ${this.timeoutMs} ms timeout`)));
    socket.once("close", cancel);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.onTimeout.clear();
  }
}
