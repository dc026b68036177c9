// Retry delays while the team server is unreachable: exponential with "full jitter" (a random
// delay between 0 and the exponential cap), so hundreds of desktops that lost the server at the
// same moment do not all come back in the same second.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  // Never zero: a tight loop against a dead server helps no one.
  return Math.max(Math.round(cap * random()), Math.min(options.baseMs, cap) / 10);
}
