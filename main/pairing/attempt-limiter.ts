// Throttles pairing and resume attempts per key (a remote address, or an address and a device),
// so nobody on the LAN can try codes or device proofs at speed. A fixed window per key is enough:
// the codes carry 125 bits, the limit only stops noise and makes abuse visible.
export class AttemptLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly maxAttempts = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt under `key`; false once the key is over its limit. */
  allow(key: string): boolean {
    return this.record(key) <= this.maxAttempts;
  }

  /** Whether `key` is over its limit, without counting an attempt (check, then `record` a failure). */
  blocked(key: string): boolean {
    const w = this.windows.get(key);
    return w !== undefined && this.now() - w.startMs < this.windowMs && w.count >= this.maxAttempts;
  }

  /** Counts one attempt under `key`; returns the count in the current window. */
  record(key: string): number {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.startMs >= this.windowMs) {
      this.windows.set(key, { startMs: t, count: 1 });
      this.prune(t);
      return 1;
    }
    return ++w.count;
  }

  private prune(t: number): void {
    if (this.windows.size < 256) return;
    for (const [key, w] of this.windows) if (t - w.startMs >= this.windowMs) this.windows.delete(key);
  }
}
