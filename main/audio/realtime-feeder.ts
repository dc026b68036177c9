// Plays a recorded call into a frame sink at wall-clock speed, as a live capture would deliver it.
// Each frame is scheduled against the start time (not the previous timer), so timer jitter does
// not accumulate into drift; if the sink falls behind, frames are delivered back to back until it
// catches up, exactly like a real capture buffer would.
import { callFrames, FRAME_MS, FRAME_SAMPLES, type CallFrame } from './frames.ts';
import type { CallAudio } from './call-audio.ts';

export interface RealtimeFeedOptions {
  /** 1 = real time; tests may use 4 or 10 to run faster with the same scheduling logic. */
  speed?: number;
  signal?: AbortSignal;
  /** Wall-clock reading in ms; injectable for tests. */
  now?: () => number;
}

export interface FeedReport {
  frames: number;
  /** performance.now() when each frame was handed to the sink, by frame index. */
  deliveredAtMs: Float64Array;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function feedRealtime(
  call: CallAudio,
  sink: (frame: CallFrame) => Promise<void> | void,
  options: RealtimeFeedOptions = {},
): Promise<FeedReport> {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError(`speed must be > 0, got ${speed}`);
  const now = options.now ?? (() => performance.now());
  const count = Math.ceil(call.agent.length / FRAME_SAMPLES);
  const deliveredAtMs = new Float64Array(count);
  const start = now();
  let frames = 0;
  for (const frame of callFrames(call)) {
    if (options.signal?.aborted) break;
    // A frame exists only once its last sample has been captured.
    const due = start + ((frame.index + 1) * FRAME_MS) / speed;
    // Timers may fire a fraction of a millisecond early: sleep again until the frame is due.
    for (let wait = due - now(); wait > 0; wait = due - now()) await sleep(wait);
    deliveredAtMs[frame.index] = now();
    await sink(frame);
    frames++;
  }
  return { frames, deliveredAtMs: deliveredAtMs.subarray(0, frames) };
}
