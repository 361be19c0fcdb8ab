/**
 * A token bucket: `burst` tokens at most, refilled at `perSecond`. `take()` resolves when a token is free, in the
 * order callers asked; nothing is ever refused, only delayed.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  take(): Promise<void> {
    this.waiting++;
    const turn = this.tail.then(() => this.wait()).finally(() => void this.waiting--);
    this.tail = turn;
    return turn;
  }

  /** Full again with nobody waiting: forgetting it changes nothing. */
  get idle(): boolean {
    this.refill();
    return this.waiting === 0 && this.tokens >= this.burst;
  }

  private async wait(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}
