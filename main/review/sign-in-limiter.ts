// Limits failed sign-in attempts per username and per client address: after `maxFailures` for one
// name (or `maxFailuresPerAddress` from one address) within `windowMs`, further attempts are
// refused until the oldest failure leaves the window. Per name stops many clients trying one name;
// per address stops one client trying many names. The address limit is higher because several
// supervisors may sit behind one office NAT.
//
// An attempt counts as a failure from the moment it begins (`begin`), before the slow password
// check runs, and is only taken back when it succeeds. Otherwise forty guesses sent at once would
// all pass the limit while the first ones were still being hashed.
import { HttpError } from './http-helpers.ts';

export interface LimiterOptions {
  now?: () => number;
  maxFailures?: number;
  maxFailuresPerAddress?: number;
  windowMs?: number;
}

/** One sign-in attempt that passed the limit; say how it ended. */
export interface SignInAttempt {
  /** The password was right: the name's failures are cleared and this attempt is not held against the address. */
  succeeded(): void;
}

export type BeginResult = { ok: true; attempt: SignInAttempt } | { ok: false; retryAfterMs: number };

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
    return Math.max(this.wait(userKey(username), this.maxFailures), this.wait(addressKey(address), this.maxFailuresPerAddress));
  }

  /**
   * Reserves an attempt before the password is checked: it is counted as a failure against the
   * name and the address at once, so attempts running in parallel see each other.
   */
  begin(username: string, address: string): BeginResult {
    const retryAfterMs = this.retryAfterMs(username, address);
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const at = this.recordFailure(username, address);
    let settled = false;
    return {
      ok: true,
      attempt: {
        succeeded: () => {
          if (settled) return;
          settled = true;
          this.recordSuccess(username);
          const list = this.failures.get(addressKey(address));
          const i = list?.indexOf(at) ?? -1;
          if (i >= 0) list!.splice(i, 1);
        },
      },
    };
  }

  /** Records a failure for the name and the address; returns its time. */
  recordFailure(username: string, address: string): number {
    const at = this.now();
    for (const key of [userKey(username), addressKey(address)]) {
      const list = this.recent(key);
      list.push(at);
      this.failures.set(key, list);
    }
    return at;
  }

  /** A successful sign-in clears the username's failures (not the address's). */
  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
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

const userKey = (username: string): string => `user:${username.trim().toLowerCase()}`;
const addressKey = (address: string): string => `addr:${address}`;

/** `limiter.begin` for an HTTP handler: the attempt, or a 429 with Retry-After when over the limit. */
export function beginSignIn(limiter: SignInLimiter, username: string, address: string): SignInAttempt {
  const begun = limiter.begin(username, address);
  if (begun.ok) return begun.attempt;
  throw new HttpError(429, 'te veel mislukte pogingen; probeer het later opnieuw', { 'Retry-After': String(Math.ceil(begun.retryAfterMs / 1000)) });
}
