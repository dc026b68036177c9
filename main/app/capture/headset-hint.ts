// Notices when the customer is loud in the agent's own microphone (speakers instead of a
// headset) so the app can suggest a headset. Without one, the customer's voice leaks into the
// agent channel and shows up as false overtalk (research/asr.md §7).
//
// Input: RMS per 32 ms frame of both channels. Leakage looks like this: while the customer
// speaks, the agent channel carries energy that rises and falls WITH the customer's (high
// correlation of log energies over the frames where the customer is active). With a headset the
// agent channel stays at its noise floor; two people talking at once are loud on both channels
// but their envelopes are unrelated. Decisions use
// a sliding window and hysteresis, so one noisy second neither shows nor hides the hint.
//
// This looks only at loudness envelopes: a plain speaking fact, never anything about emotion.

export interface HeadsetHintOptions {
  /** Frames in the sliding window (32 ms each): 94 ≈ 3 s. */
  windowFrames: number;
  /** RMS above which a channel counts as active. */
  activeRms: number;
  /** Minimum share of the window with the customer active before judging at all. */
  minCustomerActiveShare: number;
  /** Correlation of log energies that means "same sound in both channels". */
  showAboveCorrelation: number;
  /** Correlation below which a shown hint hides again (hysteresis). */
  hideBelowCorrelation: number;
}

export const DEFAULT_HEADSET_HINT: HeadsetHintOptions = {
  windowFrames: 94,
  activeRms: 0.01,
  minCustomerActiveShare: 0.3,
  showAboveCorrelation: 0.8,
  hideBelowCorrelation: 0.5,
};

/** Pearson correlation; 0 when either side is constant. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i]!;
    meanB += b[i]!;
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - meanA;
    const db = b[i]! - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  if (varA === 0 || varB === 0) return 0;
  return cov / Math.sqrt(varA * varB);
}

const toDb = (rms: number): number => 20 * Math.log10(Math.max(rms, 1e-5));

export class HeadsetHintDetector {
  readonly #opts: HeadsetHintOptions;
  #agentDb: number[] = [];
  #customerDb: number[] = [];
  #customerActive: boolean[] = [];
  #showing = false;

  constructor(options: Partial<HeadsetHintOptions> = {}) {
    this.#opts = { ...DEFAULT_HEADSET_HINT, ...options };
  }

  get showing(): boolean {
    return this.#showing;
  }

  /** Feeds frames of both channels; returns whether the hint should show now. */
  push(agentRms: readonly number[], customerRms: readonly number[]): boolean {
    const n = Math.min(agentRms.length, customerRms.length);
    for (let i = 0; i < n; i++) {
      this.#agentDb.push(toDb(agentRms[i]!));
      this.#customerDb.push(toDb(customerRms[i]!));
      this.#customerActive.push(customerRms[i]! >= this.#opts.activeRms);
    }
    const excess = this.#agentDb.length - this.#opts.windowFrames;
    if (excess > 0) {
      this.#agentDb.splice(0, excess);
      this.#customerDb.splice(0, excess);
      this.#customerActive.splice(0, excess);
    }
    if (this.#agentDb.length < this.#opts.windowFrames) return this.#showing;
    this.#showing = this.#decide();
    return this.#showing;
  }

  reset(): void {
    this.#agentDb = [];
    this.#customerDb = [];
    this.#customerActive = [];
    this.#showing = false;
  }

  #decide(): boolean {
    // Leakage is about what the agent microphone hears WHILE the customer speaks, so only those
    // frames are compared; the agent talking alone in a pause says nothing about the headset.
    const agent: number[] = [];
    const customer: number[] = [];
    for (let i = 0; i < this.#customerActive.length; i++) {
      if (!this.#customerActive[i]) continue;
      agent.push(this.#agentDb[i]!);
      customer.push(this.#customerDb[i]!);
    }
    // Not enough customer speech in the window to judge: keep what we had.
    if (agent.length < this.#opts.minCustomerActiveShare * this.#opts.windowFrames) return this.#showing;
    const r = correlation(agent, customer);
    if (this.#showing) return r >= this.#opts.hideBelowCorrelation;
    return r >= this.#opts.showAboveCorrelation;
  }
}
