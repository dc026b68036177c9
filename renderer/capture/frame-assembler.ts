// Cuts a stream of samples into fixed frames (the protocol's 512 samples = 32 ms at 16 kHz). The
// frame's start time comes from the sample count, not from a wall clock, so it is exact and never
// drifts: without pauses, frame n starts at n × 32 ms after capture start. A pause is added with
// skip(), so times stay on the call's clock. No imports: it runs in the audio worklet, which
// should not load the contracts (and zod) onto the audio thread.

export interface AssembledFrame {
  seq: number;
  startMs: number;
  samples: Float32Array;
}

export class FrameAssembler {
  private buffer: Float32Array;
  private filled = 0;
  private seq = 0;
  /** Samples taken in so far, including any partial frame dropped by skip(). */
  private samplesSeen = 0;
  /** Time with no audio (pauses), added to every later frame's start. */
  private skippedMs = 0;

  constructor(private readonly samplesPerFrame: number, private readonly sampleRateHz: number) {
    if (!Number.isInteger(samplesPerFrame) || samplesPerFrame <= 0) throw new RangeError(`frame size ${samplesPerFrame} is not a positive integer`);
    this.buffer = new Float32Array(samplesPerFrame);
  }

  push(samples: Float32Array): AssembledFrame[] {
    const frames: AssembledFrame[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.samplesPerFrame - this.filled, samples.length - offset);
      this.buffer.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      this.samplesSeen += take;
      offset += take;
      if (this.filled === this.samplesPerFrame) {
        const seq = this.seq++;
        const firstSample = this.samplesSeen - this.samplesPerFrame;
        frames.push({ seq, startMs: (firstSample * 1000) / this.sampleRateHz + this.skippedMs, samples: this.buffer });
        this.buffer = new Float32Array(this.samplesPerFrame);
        this.filled = 0;
      }
    }
    return frames;
  }

  /**
   * Capture stopped for `ms` (paused): later frames start that much later. The partial frame
   * from before the pause is dropped, so no frame spans the gap.
   */
  skip(ms: number): void {
    if (!(ms >= 0)) return;
    this.skippedMs += ms;
    this.filled = 0;
  }
}
