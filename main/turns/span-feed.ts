// Speech spans fed to the real TurnTracker as the VAD would report them (a start is confirmed
// after the minimum speech length, an end after the hangover), with one tick per frame. Spans may
// be added while time moves on, so a practice round can feed each turn as it happens; rule
// examples add a whole fixture at once (replayFixture).
import type { SegmentEvent } from '../vad/speech-segmenter.ts';
import type { Party, TalkState, TurnEvent } from './turn-events.ts';
import { TurnTracker } from './turn-tracker.ts';

export interface ReplayTiming {
  minSpeechMs: number;
  hangoverMs: number;
  frameMs: number;
}

export const DEFAULT_REPLAY: ReplayTiming = { minSpeechMs: 128, hangoverMs: 320, frameMs: 32 };

export class SpanFeed {
  private readonly tracker = new TurnTracker();
  private pending: { party: Party; event: SegmentEvent }[] = [];
  private clockMs = 0;

  constructor(private readonly sink: (event: TurnEvent) => void, readonly timing: ReplayTiming = DEFAULT_REPLAY) {}

  /** The end of the last frame processed. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** A party started talking at startMs; its end follows with speechEnd. */
  speechStart(party: Party, startMs: number): void {
    this.queue(party, { type: 'speech-start', startMs, atMs: startMs + this.timing.minSpeechMs });
  }

  speechEnd(party: Party, startMs: number, endMs: number): void {
    this.queue(party, { type: 'speech-end', startMs, endMs, atMs: endMs + this.timing.hangoverMs });
  }

  /** When the VAD would have confirmed the end of speech that stopped at endMs. */
  confirmedEndMs(endMs: number): number {
    return endMs + this.timing.hangoverMs;
  }

  /** Processes whole frames up to atMs: the events due in each, then its tick. */
  advanceTo(atMs: number): void {
    const { frameMs } = this.timing;
    while (this.clockMs + frameMs <= atMs) {
      this.clockMs += frameMs;
      while (this.pending.length > 0 && this.pending[0]!.event.atMs <= this.clockMs) {
        const { party, event } = this.pending.shift()!;
        for (const e of this.tracker.apply(party, { ...event, atMs: this.clockMs })) this.sink(e);
      }
      this.sink(this.tracker.tick(this.clockMs));
    }
  }

  state(): TalkState {
    return this.tracker.state(this.clockMs);
  }

  /** Time by which every queued event has been processed. */
  get lastPendingMs(): number {
    return Math.max(this.clockMs, ...this.pending.map((p) => p.event.atMs));
  }

  private queue(party: Party, event: SegmentEvent): void {
    this.pending.push({ party, event });
    // Stable: events due in the same frame keep the order they were queued in.
    this.pending.sort((a, b) => a.event.atMs - b.event.atMs);
  }
}
