// The engine's unit of audio: 512 samples at 16 kHz = 32 ms, the frame Silero VAD v5 expects.
// A frame source cuts a whole call into such frames; a FrameChunker does the same for live audio
// that arrives in pieces of any length (browser capture sends 128-sample or 4096-sample blocks).
import { ENGINE_RATE_HZ } from './resample.ts';
import type { CallAudio } from './call-audio.ts';

export const FRAME_SAMPLES = 512;
export const FRAME_MS = (FRAME_SAMPLES / ENGINE_RATE_HZ) * 1000;

export interface CallFrame {
  index: number;
  agent: Float32Array;
  customer?: Float32Array;
}

/** Cuts a call into frames; the last partial frame is padded with silence. */
export function* callFrames(call: Pick<CallAudio, 'agent' | 'customer'>): Generator<CallFrame> {
  const count = Math.ceil(call.agent.length / FRAME_SAMPLES);
  for (let index = 0; index < count; index++) {
    const start = index * FRAME_SAMPLES;
    yield {
      index,
      agent: padded(call.agent.subarray(start, start + FRAME_SAMPLES)),
      ...(call.customer ? { customer: padded(call.customer.subarray(start, start + FRAME_SAMPLES)) } : {}),
    };
  }
}

function padded(part: Float32Array): Float32Array {
  if (part.length === FRAME_SAMPLES) return part;
  const frame = new Float32Array(FRAME_SAMPLES);
  frame.set(part);
  return frame;
}

/** Collects samples of any block size and hands out whole frames. */
export class FrameChunker {
  private buffer = new Float32Array(FRAME_SAMPLES);
  private filled = 0;

  /** Returns the whole frames completed by this block (copies, safe to keep). */
  push(samples: Float32Array): Float32Array[] {
    const frames: Float32Array[] = [];
    let read = 0;
    while (read < samples.length) {
      const take = Math.min(FRAME_SAMPLES - this.filled, samples.length - read);
      this.buffer.set(samples.subarray(read, read + take), this.filled);
      this.filled += take;
      read += take;
      if (this.filled === FRAME_SAMPLES) {
        frames.push(this.buffer);
        this.buffer = new Float32Array(FRAME_SAMPLES);
        this.filled = 0;
      }
    }
    return frames;
  }

  /** The padded remainder, if any samples are waiting. */
  flush(): Float32Array | undefined {
    if (this.filled === 0) return undefined;
    const frame = this.buffer;
    this.buffer = new Float32Array(FRAME_SAMPLES);
    this.filled = 0;
    return frame;
  }

  get pendingSamples(): number {
    return this.filled;
  }
}
