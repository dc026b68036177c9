// Turns per-frame speech probabilities into speech segments for one channel. A pure state
// machine: the model's probabilities come in, segment events come out, nothing else. Hysteresis
// (separate thresholds to start and to stay in speech), a minimum speech length against clicks
// and line noise, and a hangover that bridges the short pauses inside a sentence. Durations are
// given in ms and converted to frames once, here.
import { z } from 'zod';

export const SegmenterOptions = z.object({
  /** A frame at or above this probability may start speech. */
  positiveThreshold: z.number().min(0).max(1).default(0.5),
  /** Speech goes on while frames stay at or above this; below it counts as silence. */
  negativeThreshold: z.number().min(0).max(1).default(0.35),
  /** Candidate speech with fewer confident frames than this is dropped (clicks, bursts of line noise). */
  minSpeechMs: z.number().nonnegative().default(128),
  /** Silence shorter than this inside speech is bridged; the end is decided after it. */
  hangoverMs: z.number().nonnegative().default(320),
  frameMs: z.number().positive().default(32),
}).refine((o) => o.negativeThreshold <= o.positiveThreshold, {
  message: 'negativeThreshold must not exceed positiveThreshold',
  path: ['negativeThreshold'],
});
export type SegmenterOptions = z.infer<typeof SegmenterOptions>;

/** Times are ms since the start of the call; atMs is when the event was decided (end of the deciding frame). */
export type SegmentEvent =
  | { type: 'speech-start'; startMs: number; atMs: number }
  | { type: 'speech-end'; startMs: number; endMs: number; atMs: number };

type Phase = 'silence' | 'candidate' | 'speech';

export class SpeechSegmenter {
  readonly options: SegmenterOptions;
  private readonly minSpeechFrames: number;
  private readonly hangoverFrames: number;
  private phase: Phase = 'silence';
  private frame = 0;
  private onsetFrame = 0;
  private lastSpeechFrame = 0;
  private silentRun = 0;
  private speechFrames = 0;

  constructor(options: Partial<SegmenterOptions> = {}) {
    this.options = SegmenterOptions.parse(options);
    this.minSpeechFrames = Math.max(1, Math.ceil(this.options.minSpeechMs / this.options.frameMs));
    this.hangoverFrames = Math.max(1, Math.ceil(this.options.hangoverMs / this.options.frameMs));
  }

  get speaking(): boolean {
    return this.phase === 'speech';
  }

  /** Feeds the probability of the next frame; returns the events this frame decided. */
  push(probability: number): SegmentEvent[] {
    const { positiveThreshold, negativeThreshold, frameMs } = this.options;
    const i = this.frame++;
    const atMs = (i + 1) * frameMs;
    if (this.phase === 'silence') {
      if (probability < positiveThreshold) return [];
      this.phase = 'candidate';
      this.onsetFrame = i;
      this.speechFrames = 0;
      this.silentRun = 0;
    }
    if (probability >= negativeThreshold) {
      this.silentRun = 0;
      this.lastSpeechFrame = i;
    } else {
      this.silentRun++;
    }
    if (this.phase === 'candidate') {
      // Onsets are ragged (a plosive, then a closure: "Dat klopt" scores 0.95 0.98 0.12 0.07 0.73):
      // a candidate survives dips shorter than the hangover and becomes speech once it has
      // collected enough confident frames, dated from its first frame.
      if (probability >= positiveThreshold) this.speechFrames++;
      if (this.silentRun >= this.hangoverFrames) {
        this.phase = 'silence'; // too little speech: a click or a burst of noise
        return [];
      }
      if (this.speechFrames < this.minSpeechFrames) return [];
      this.phase = 'speech';
      return [{ type: 'speech-start', startMs: this.onsetFrame * frameMs, atMs }];
    }
    if (this.silentRun < this.hangoverFrames) return [];
    return [this.close(atMs)];
  }

  /** Closes open speech at the end of the input (call over, capture stopped). */
  end(): SegmentEvent[] {
    const atMs = this.frame * this.options.frameMs;
    const events = this.phase === 'speech' ? [this.close(atMs)] : [];
    this.phase = 'silence';
    return events;
  }

  private close(atMs: number): SegmentEvent {
    this.phase = 'silence';
    this.silentRun = 0;
    return {
      type: 'speech-end',
      startMs: this.onsetFrame * this.options.frameMs,
      endMs: (this.lastSpeechFrame + 1) * this.options.frameMs,
      atMs,
    };
  }
}
