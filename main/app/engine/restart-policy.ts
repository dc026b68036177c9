// When to restart the engine after it exits unexpectedly. Backoff doubles from 0.5 s up to 30 s;
// a run that stayed up for a minute resets it. More than 5 crashes within 2 minutes means
// something is structurally wrong (a broken model file, a port taken): stop and tell the agent
// instead of burning their CPU during a call.

export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long counts as healthy and resets the backoff. */
  healthyAfterMs: number;
  maxCrashes: number;
  crashWindowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  maxCrashes: 5,
  crashWindowMs: 120_000,
};

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; reason: string };

export class RestartPolicy {
  readonly #opts: RestartPolicyOptions;
  #crashTimesMs: number[] = [];
  #attempt = 0;

  constructor(options: Partial<RestartPolicyOptions> = {}) {
    this.#opts = { ...DEFAULT_RESTART_POLICY, ...options };
  }

  /** Call when the engine exited unexpectedly after running for `uptimeMs`. */
  onCrash(nowMs: number, uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.#opts.healthyAfterMs) this.#attempt = 0;
    this.#crashTimesMs = this.#crashTimesMs.filter((t) => nowMs - t < this.#opts.crashWindowMs);
    this.#crashTimesMs.push(nowMs);
    if (this.#crashTimesMs.length > this.#opts.maxCrashes) {
      return {
        restart: false,
        reason: `the engine stopped ${this.#crashTimesMs.length} times within ${Math.round(this.#opts.crashWindowMs / 1000)} s`,
      };
    }
    const delayMs = Math.min(this.#opts.maxDelayMs, this.#opts.baseDelayMs * 2 ** this.#attempt);
    this.#attempt += 1;
    return { restart: true, delayMs };
  }
}
