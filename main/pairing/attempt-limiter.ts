// Throttles pairing and resume attempts per remote address, so nobody on the LAN can try codes
// or device proofs at speed. A fixed window per address is enough: the codes carry 125 bits, the
// limit only stops noise and makes abuse visible.
export class AttemptLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly maxAttempts = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt from `address`; false once the address is over its limit. */
  allow(address: string): boolean {
    const t = this.now();
    const w = this.windows.get(address);
    if (!w || t - w.startMs >= this.windowMs) {
      this.windows.set(address, { startMs: t, count: 1 });
      this.prune(t);
      return true;
    }
    w.count++;
    return w.count <= this.maxAttempts;
  }

  private prune(t: number): void {
    if (this.windows.size < 256) return;
    for (const [addr, w] of this.windows) if (t - w.startMs >= this.windowMs) this.windows.delete(addr);
  }
}
