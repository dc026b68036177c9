// Limits failed sign-in attempts per username and per client address: after `maxFailures` within
// `windowMs` further attempts are refused until the oldest failure leaves the window. Counting per
// address stops one client trying many names; per username stops many clients trying one name.
export interface LimiterOptions {
  now?: () => number;
  maxFailures?: number;
  windowMs?: number;
}

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  /** 0 if an attempt may go ahead, else how many ms until one may. */
  retryAfterMs(username: string, address: string): number {
    return Math.max(this.wait(`user:${username.toLowerCase()}`), this.wait(`addr:${address}`));
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`user:${username.toLowerCase()}`, `addr:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  /** A successful sign-in clears the username's failures (not the address's). */
  recordSuccess(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private wait(key: string): number {
    const list = this.recent(key);
    if (list.length < this.maxFailures) return 0;
    return list[list.length - this.maxFailures]! + this.windowMs - this.now();
  }
}
