// Decides, per frame, whether each channel's VAD probability may count as that party's speech.
// Two things fool a per-channel VAD on a call:
//  - line noise and hiss: a channel must stand `snrDb` above its own noise floor (the quietest
//    frame of the last `floorWindowMs`; speech always has some pause in a few seconds, steady
//    noise never drops below itself) and above an absolute floor;
//  - crosstalk: the customer faintly audible in the agent's microphone (or the agent's echo on the
//    loopback). Silero is largely level-independent and, with its recurrent state, keeps calling
//    that leak speech. Leakage follows the source's envelope many dB below it, so while both
//    channels look like speech, a channel more than `crosstalkMarginDb` quieter than the other is
//    treated as leakage. Real double talk has both parties at comparable levels and passes.
// Levels are compared as a short peak hold (`holdMs`), so the quiet frames between syllables of
// real speech are not gated on their own.
import { z } from 'zod';

export const GateOptions = z.object({
  /** Never speech below this level (dBFS), whatever the model says. */
  absoluteFloorDb: z.number().max(0).default(-60),
  /** Speech must be this many dB above the channel's tracked noise floor. */
  snrDb: z.number().nonnegative().default(8),
  /** The noise floor is the quietest frame level within this window. */
  floorWindowMs: z.number().positive().default(3000),
  /** A channel this many dB quieter than the other, while the other speaks, is crosstalk. */
  crosstalkMarginDb: z.number().positive().default(15),
  /** A channel counts as "speaking" for the crosstalk test at this probability. */
  speechProbability: z.number().min(0).max(1).default(0.35),
  holdMs: z.number().positive().default(192),
  frameMs: z.number().positive().default(32),
});
export type GateOptions = z.infer<typeof GateOptions>;

export function rmsDb(frame: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  const rms = Math.sqrt(sum / Math.max(1, frame.length));
  return rms > 0 ? 20 * Math.log10(rms) : -120;
}

export interface ChannelReading {
  probability: number;
  levelDb: number;
}

/** A channel's recent levels: peak over the hold window and the noise floor (windowed minimum). */
class LevelTracker {
  private readonly levels: number[] = [];
  /** The quietest frame of the window so far, even before a full window has passed. */
  quietestDb = Infinity;

  constructor(private readonly holdFrames: number, private readonly floorFrames: number, private readonly initialFloorDb: number) {}

  push(levelDb: number): { peakDb: number; floorDb: number } {
    this.levels.push(levelDb);
    if (this.levels.length > this.floorFrames) this.levels.shift();
    let peakDb = -Infinity;
    for (let i = Math.max(0, this.levels.length - this.holdFrames); i < this.levels.length; i++) peakDb = Math.max(peakDb, this.levels[i]!);
    this.quietestDb = Math.min(...this.levels);
    // Until one window has passed, the minimum may be speech only: assume the absolute floor.
    const floorDb = this.levels.length < this.floorFrames ? this.initialFloorDb : this.quietestDb;
    return { peakDb, floorDb };
  }
}

export class ChannelGate {
  readonly options: GateOptions;
  private readonly agent: LevelTracker;
  private readonly customer: LevelTracker;

  constructor(options: Partial<GateOptions> = {}) {
    this.options = GateOptions.parse(options);
    const holdFrames = Math.max(1, Math.round(this.options.holdMs / this.options.frameMs));
    const floorFrames = Math.max(holdFrames, Math.round(this.options.floorWindowMs / this.options.frameMs));
    this.agent = new LevelTracker(holdFrames, floorFrames, this.options.absoluteFloorDb);
    this.customer = new LevelTracker(holdFrames, floorFrames, this.options.absoluteFloorDb);
  }

  /** Returns the gated probabilities for [agent, customer]; a mono call passes customer undefined. */
  gate(agent: ChannelReading, customer?: ChannelReading): [number, number | undefined] {
    const { crosstalkMarginDb, speechProbability } = this.options;
    const a = this.agent.push(agent.levelDb);
    let agentP = this.audible(a) ? agent.probability : 0;
    if (!customer) return [agentP, undefined];
    const c = this.customer.push(customer.levelDb);
    let customerP = this.audible(c) ? customer.probability : 0;
    if (agentP >= speechProbability && customerP >= speechProbability) {
      if (a.peakDb < c.peakDb - crosstalkMarginDb) agentP = 0;
      else if (c.peakDb < a.peakDb - crosstalkMarginDb) customerP = 0;
    }
    return [agentP, customerP];
  }

  /**
   * Each channel's quietest frame of the last floorWindowMs (dBFS), for placing speech boundaries.
   * Unlike the gate's own floor it is used from the first frame: a boundary is placed relative to
   * the line's noise, and a call starts with a moment of it.
   */
  floorsDb(): { agent: number; customer: number } {
    return { agent: this.agent.quietestDb, customer: this.customer.quietestDb };
  }

  private audible(level: { peakDb: number; floorDb: number }): boolean {
    return level.peakDb >= this.options.absoluteFloorDb && level.peakDb >= level.floorDb + this.options.snrDb;
  }
}
