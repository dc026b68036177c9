// Small timed fixtures for timing rules: each party's speech as [startMs, endMs] pairs, replayed
// through the real TurnTracker as the VAD would report them (a start is confirmed after the
// minimum speech length, an end after the hangover), with one tick per 32-ms frame, and what the
// agent said as [startMs, endMs, text] (each utterance reaches the rules when the call reaches its
// end, as a transcript does). Rule files use these as their examples, and tests use them to pin
// down one situation at a time.
import { z } from 'zod';
import type { SegmentEvent } from '../vad/speech-segmenter.ts';
import type { Party } from './turn-events.ts';
import { TurnTracker } from './turn-tracker.ts';
import type { TimingEvent } from './timing-detector.ts';
import { DEFAULT_REPLAY, type ReplayTiming } from './span-feed.ts';

const Span = z.tuple([z.number().nonnegative(), z.number().nonnegative()])
  .refine(([s, e]) => e > s, { message: 'a speech span must end after it starts' });

const Said = z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.string().min(1)])
  .refine(([s, e]) => e > s, { message: 'an utterance must end after it starts' });

export const TimedFixture = z.object({
  name: z.string().min(1),
  /** The agent's speech; when left out, the stretches of `said`. */
  agent: z.array(Span).optional(),
  customer: z.array(Span).default([]),
  /** What the agent said, for the rules that weigh words and timing together (pace, dead air). */
  said: z.array(Said).default([]),
}).strict();
export type TimedFixture = z.infer<typeof TimedFixture>;

export { DEFAULT_REPLAY, type ReplayTiming };

export interface FixtureSpeech {
  agent?: readonly (readonly [number, number])[] | undefined;
  customer?: readonly (readonly [number, number])[] | undefined;
  said?: readonly (readonly [number, number, string])[] | undefined;
}

/** Replays a fixture; calls `sink` with every turn event and utterance in the order the engine would see them. */
export function replayFixture(fixture: FixtureSpeech, sink: (event: TimingEvent) => void, timing: ReplayTiming = DEFAULT_REPLAY): void {
  const said = [...(fixture.said ?? [])].sort((a, b) => a[1] - b[1]);
  const speech = { agent: fixture.agent ?? said.map(([s, e]) => [s, e] as const), customer: fixture.customer ?? [] };
  const pending: { party: Party; event: SegmentEvent }[] = [];
  for (const party of ['agent', 'customer'] as const) {
    const spans = [...speech[party]].sort((a, b) => a[0] - b[0]);
    for (const [startMs, endMs] of spans) {
      pending.push({ party, event: { type: 'speech-start', startMs, atMs: startMs + timing.minSpeechMs } });
      pending.push({ party, event: { type: 'speech-end', startMs, endMs, atMs: endMs + timing.hangoverMs } });
    }
  }
  pending.sort((a, b) => a.event.atMs - b.event.atMs);
  const lastMs = Math.max(0, ...pending.map((p) => p.event.atMs), ...said.map(([, e]) => e)) + timing.frameMs;
  const tracker = new TurnTracker();
  let next = 0;
  let nextSaid = 0;
  for (let atMs = timing.frameMs; atMs <= lastMs + timing.frameMs; atMs += timing.frameMs) {
    while (next < pending.length && pending[next]!.event.atMs <= atMs) {
      const { party, event } = pending[next++]!;
      for (const e of tracker.apply(party, { ...event, atMs })) sink(e);
    }
    while (nextSaid < said.length && said[nextSaid]![1] <= atMs) {
      const [startMs, endMs, text] = said[nextSaid++]!;
      sink({ type: 'utterance', startMs, endMs, text, atMs });
    }
    sink(tracker.tick(atMs));
  }
}

/** Examples every timing rule file carries: situations that must fire once, and ones that must not. */
export const TimingExamples = z.object({
  fire: z.array(TimedFixture.extend({
    /** Where the reported stretch must start (rangeMs.startMs), within EXPECT_TOLERANCE_MS. */
    expectStartMs: z.number().nonnegative(),
  }).strict()).min(1, 'give at least one situation that must fire'),
  pass: z.array(TimedFixture).min(1, 'give at least one situation that must not fire'),
}).strict();
export type TimingExamples = z.infer<typeof TimingExamples>;

export const EXPECT_TOLERANCE_MS = 100;
