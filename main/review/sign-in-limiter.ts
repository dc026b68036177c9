// Limits failed sign-in attempts per username and per client address: after `maxFailures` for one
// name (or `maxFailuresPerAddress` from one address) within `windowMs`, further attempts are
// refused until the oldest failure leaves the window. Per name stops many clients trying one name;
// per address stops one client trying many names. The address limit is higher because several
// supervisors may sit behind one office NAT.
export interface LimiterOptions {
  now?: () => number;
  maxFailures?: number;
  maxFailuresPerAddress?: number;
  windowMs?: number;
}

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxFailures: number;
  private readonly maxFailuresPerAddress: number;
  private readonly windowMs: number;

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxFailures = options.maxFailures ?? 5;
    this.maxFailuresPerAddress = options.maxFailuresPerAddress ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  /** 0 if an attempt may go ahead, else how many ms until one may. */
  retryAfterMs(username: string, address: string): number {
    return Math.max(this.wait(`user:${username.toLowerCase()}`, this.maxFailures), this.wait(`addr:${address}`, this.maxFailuresPerAddress));
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

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    return list[list.length - max]! + this.windowMs - this.now();
  }
}
