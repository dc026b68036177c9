// Pairs the two channels' frame levels and hands them to the desktop app in small batches, for
// the headset hint (main/app/capture/headset-hint.ts compares the envelopes frame by frame).
// Frames of both channels carry the same sequence number for the same 32 ms (the engine pairs
// them the same way), so levels are matched by seq, not by arrival order. Pure and bounded.
import type { LevelReport } from '../../main/contracts/ipc.ts';
import type { AudioChannel } from './protocol.ts';

/** 16 frames ≈ 0.5 s: a few IPC messages a second, well under the contract's 64. */
export const LEVEL_BATCH_FRAMES = 16;
/** A level whose partner never comes (channel stalled) is dropped after this many frames. */
const MAX_UNPAIRED = 64;

export class LevelBatcher {
  readonly #unpaired: Record<AudioChannel, Map<number, number>> = { agent: new Map(), customer: new Map() };
  #agent: number[] = [];
  #customer: number[] = [];

  constructor(private readonly batchFrames = LEVEL_BATCH_FRAMES) {}

  /** Adds one frame's RMS (linear, 0..1); returns a report when a batch is full. */
  push(channel: AudioChannel, seq: number, rms: number): LevelReport | null {
    const other: AudioChannel = channel === 'agent' ? 'customer' : 'agent';
    const partner = this.#unpaired[other].get(seq);
    const level = Math.min(1, Math.max(0, Number.isFinite(rms) ? rms : 0));
    if (partner === undefined) {
      const mine = this.#unpaired[channel];
      mine.set(seq, level);
      if (mine.size > MAX_UNPAIRED) mine.delete(mine.keys().next().value!);
      return null;
    }
    this.#unpaired[other].delete(seq);
    this.#agent.push(channel === 'agent' ? level : partner);
    this.#customer.push(channel === 'agent' ? partner : level);
    if (this.#agent.length < this.batchFrames) return null;
    const report = { agentRms: this.#agent, customerRms: this.#customer };
    this.#agent = [];
    this.#customer = [];
    return report;
  }
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
