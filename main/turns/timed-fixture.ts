// Small timed fixtures for timing rules: each party's speech as [startMs, endMs] pairs, replayed
// through the real TurnTracker as the VAD would report them (a start is confirmed after the
// minimum speech length, an end after the hangover), with one tick per 32-ms frame. Rule files use
// these as their examples, and tests use them to pin down one situation at a time.
import { z } from 'zod';
import type { TurnEvent } from './turn-events.ts';
import { DEFAULT_REPLAY, SpanFeed, type ReplayTiming } from './span-feed.ts';

export { DEFAULT_REPLAY, type ReplayTiming };

const Span = z.tuple([z.number().nonnegative(), z.number().nonnegative()])
  .refine(([s, e]) => e > s, { message: 'a speech span must end after it starts' });

export const TimedFixture = z.object({
  name: z.string().min(1),
  agent: z.array(Span).default([]),
  customer: z.array(Span).default([]),
}).strict();
export type TimedFixture = z.infer<typeof TimedFixture>;

/** Replays a fixture; calls `sink` with every turn event in the order the engine would see them. */
export function replayFixture(
  fixture: Pick<TimedFixture, 'agent' | 'customer'>,
  sink: (event: TurnEvent) => void,
  timing: ReplayTiming = DEFAULT_REPLAY,
): void {
  const feed = new SpanFeed(sink, timing);
  // Starts of both parties first, then ends, each in time order: the order the VAD confirms them in.
  const spans = (['agent', 'customer'] as const).flatMap((party) => [...fixture[party]].sort((a, b) => a[0] - b[0]).map((span) => ({ party, span })));
  for (const { party, span } of spans) {
    feed.speechStart(party, span[0]);
    feed.speechEnd(party, span[0], span[1]);
  }
  feed.advanceTo(feed.lastPendingMs + 2 * timing.frameMs);
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
