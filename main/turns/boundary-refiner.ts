// Places each speech segment's start and end at the sound itself, to 8 ms, instead of at the edge
// of a 32-ms VAD frame. The VAD decides *that* a party started or stopped (robust to noise and
// crosstalk, main/vad/speech-segmenter.ts); its timing is coarse: Silero's probability lags the
// sound by one to three frames at an end, longer on a noisy line where it lingers above the offset
// threshold, and onsets are dated to a frame start. Measured against rendered calls, ends came out
// 45 ms late in the median and 140 ms at p95, which turns a customer's 200-ms terminal overlap
// into a 300-ms "interruption".
//
// Here each channel is cut into 8-ms blocks. A block sounds when it stands `marginDb` above the
// channel's noise floor (the gate's) and is not leakage: on a stereo call, a block more than
// `crosstalkMarginDb` below the other channel's is the other party heard faintly. The end moves to
// the last sounding block within `endSearchMs` before the VAD's end (or a little after it); the
// start to the first sounding block within `startSearchMs` of the VAD's start. Where no block
// sounds (a soft stretch the level cannot see), the VAD's time stands.
import { rmsDb } from './channel-gate.ts';
import type { Party } from './turn-events.ts';
import type { SegmentEvent } from '../vad/speech-segmenter.ts';

export interface RefinerOptions {
  blockSamples: number;
  sampleRateHz: number;
  marginDb: number;
  crosstalkMarginDb: number;
  /** How far before the VAD's end the last sound may lie (the offset lag plus the hangover's slack). */
  endSearchMs: number;
  /** How far after the VAD's end a soft tail may still sound. */
  endOvershootMs: number;
  /** How far either side of the VAD's start the first sound may lie. */
  startSearchMs: number;
  /**
   * A start moves further back over sounds separated by silences no longer than bridgeMs, up to
   * startReachMs before the VAD's start: a short first word before a stop ("Dat | verbruik") is
   * often too brief for the VAD, but it is where the turn began.
   */
  bridgeMs: number;
  startReachMs: number;
  /** Blocks kept per channel: must cover the hangover plus endSearchMs. */
  keepMs: number;
}

export const DEFAULT_REFINER: RefinerOptions = {
  blockSamples: 128, sampleRateHz: 16_000, marginDb: 3, crosstalkMarginDb: 12,
  endSearchMs: 320, endOvershootMs: 160, startSearchMs: 96, bridgeMs: 200, startReachMs: 400, keepMs: 1_200,
};

/** One channel's recent block levels, indexed by the block's number since the call began. */
class BlockLevels {
  private readonly levels: Float32Array;
  /** Number of blocks pushed so far; block i lives at i % levels.length while i > count - length. */
  count = 0;

  constructor(size: number) {
    this.levels = new Float32Array(size);
  }

  push(samples: Float32Array, blockSamples: number): void {
    for (let at = 0; at + blockSamples <= samples.length; at += blockSamples) {
      this.levels[this.count++ % this.levels.length] = rmsDb(samples.subarray(at, at + blockSamples));
    }
  }

  /** The level of block i, or undefined when it is not (or no longer) known. */
  at(i: number): number | undefined {
    return i >= 0 && i < this.count && i >= this.count - this.levels.length ? this.levels[i % this.levels.length] : undefined;
  }
}

export class BoundaryRefiner {
  private readonly options: RefinerOptions;
  private readonly blockMs: number;
  private readonly blocks: Record<Party, BlockLevels>;
  private floorsDb: Record<Party, number> = { agent: -Infinity, customer: -Infinity };
  private readonly stereo: boolean;
  /** Each party's open segment: its start as the VAD gave it and as placed here. */
  private readonly starts: Partial<Record<Party, { vadMs: number; placedMs: number }>> = {};

  constructor(stereo: boolean, options: Partial<RefinerOptions> = {}) {
    this.options = { ...DEFAULT_REFINER, ...options };
    this.blockMs = (this.options.blockSamples / this.options.sampleRateHz) * 1000;
    const size = Math.ceil(this.options.keepMs / this.blockMs);
    this.blocks = { agent: new BlockLevels(size), customer: new BlockLevels(size) };
    this.stereo = stereo;
  }

  /** One frame of each channel, in call order, with each channel's current noise floor (dBFS). */
  push(agent: Float32Array, customer: Float32Array | undefined, floorsDb: Record<Party, number>): void {
    this.blocks.agent.push(agent, this.options.blockSamples);
    if (this.stereo && customer) this.blocks.customer.push(customer, this.options.blockSamples);
    this.floorsDb = floorsDb;
  }

  /** The segment event with its start (and end) placed at the sound. */
  refine<E extends SegmentEvent>(party: Party, event: E): E;
  refine(party: Party, event: SegmentEvent): SegmentEvent {
    if (event.type === 'speech-start') {
      const placedMs = this.placeStart(party, event.startMs);
      this.starts[party] = { vadMs: event.startMs, placedMs };
      return { ...event, startMs: placedMs };
    }
    const start = this.starts[party];
    const startMs = start && start.vadMs === event.startMs ? start.placedMs : event.startMs;
    this.starts[party] = undefined;
    return { ...event, startMs, endMs: Math.max(startMs + this.blockMs, this.placeEnd(party, event.endMs)) };
  }

  private sounds(party: Party, block: number): boolean | undefined {
    const level = this.blocks[party].at(block);
    if (level === undefined) return undefined;
    if (level < this.floorsDb[party] + this.options.marginDb) return false;
    if (!this.stereo) return true;
    const other = this.blocks[party === 'agent' ? 'customer' : 'agent'].at(block);
    return other === undefined || level >= other - this.options.crosstalkMarginDb;
  }

  private placeEnd(party: Party, vadEndMs: number): number {
    const last = Math.floor((vadEndMs + this.options.endOvershootMs) / this.blockMs) - 1;
    const first = Math.ceil((vadEndMs - this.options.endSearchMs) / this.blockMs);
    for (let b = last; b >= first; b--) if (this.sounds(party, b)) return (b + 1) * this.blockMs;
    return vadEndMs;
  }

  /** Whether `party` made a sound between the two times (for who stopped first, main/turns/turn-tracker.ts). */
  soundsBetween(party: Party, fromMs: number, toMs: number): boolean {
    for (let b = Math.ceil(fromMs / this.blockMs); (b + 1) * this.blockMs <= toMs; b++) if (this.sounds(party, b)) return true;
    return false;
  }

  private placeStart(party: Party, vadStartMs: number): number {
    const first = Math.max(0, Math.floor((vadStartMs - this.options.startSearchMs) / this.blockMs));
    const last = Math.ceil((vadStartMs + this.options.startSearchMs) / this.blockMs);
    let start: number | undefined;
    for (let b = first; b <= last && start === undefined; b++) if (this.sounds(party, b)) start = b;
    if (start === undefined) return vadStartMs;
    const reach = Math.max(0, Math.floor((vadStartMs - this.options.startReachMs) / this.blockMs));
    const bridge = Math.round(this.options.bridgeMs / this.blockMs);
    for (let b = start - 1, silent = 0; b >= reach && silent <= bridge; b--) {
      if (this.sounds(party, b)) {
        start = b;
        silent = 0;
      } else {
        silent++;
      }
    }
    return start * this.blockMs;
  }
}
