// A token bucket that spaces sends to at most `ratePerSecond` (bursts up to `burst`). Each take()
// reserves a token and says how long to wait for it; the clock is a parameter, so tests drive it.
export class RatePacer {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Milliseconds to wait before sending one more message (0 when a token is available now). */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }
}
