// The review screens' small wordings (issue 14): how long a call took (one that is still being
// recorded says so instead of "–"), what happened live with each moment, in the same words
// Mijn momenten uses for the agent, and the time labels under a call's timeline.
import { describe, expect, it } from 'vitest';
import { callDuration, liveStory } from '../../renderer/review/text.ts';
import type { ReviewFinding } from '../../renderer/review/contracts.ts';
import { tickTimes, timelineSpanMs } from '../../renderer/review/Timeline.tsx';
import type { CallDetail } from '../../renderer/review/api-types.ts';
import { clock } from '../../renderer/shared/format.ts';

const finding = (over: Partial<ReviewFinding>): ReviewFinding => ({
  id: 1, kind: 'flag', behaviour: 'verschuilen', ruleId: 'r', atMs: 1_000, tip: 't', severity: 'medium', source: 'text',
  span: null, rangeMs: null, shown: true, acknowledged: false, mark: null, contextUtteranceIds: [], ...over,
});

describe('review wordings', () => {
  it('a call that ended lasts m:ss; one still running says so', () => {
    expect(callDuration({ startedAtMs: 10_000, endedAtMs: 52_900 })).toBe('0:42');
    expect(callDuration({ startedAtMs: 10_000, endedAtMs: null })).toBe('loopt nog');
  });

  it('says what happened live: how a shown tip went, or why it was held back', () => {
    expect(liveStory(finding({ tipOutcome: 'dismissed' }))).toBe('Live getoond · Niet nu');
    expect(liveStory(finding({ tipOutcome: 'expired' }))).toBe('Live getoond · verdween zonder reactie');
    expect(liveStory(finding({ shown: false, heldReason: 'stale' }))).toBe('Niet live getoond (het moment was voorbij)');
    expect(liveStory(finding({ shown: false, heldReason: 'low-confidence', confidence: 0.344 }))).toBe('Niet live getoond: lagere zekerheid (0,34)');
    // A reason a newer coach gives that this page does not know yet: shown as it is, never dropped.
    expect(liveStory(finding({ shown: false, heldReason: 'new-reason' }))).toBe('Niet live getoond (new-reason)');
  });
});

describe('timeline ticks', () => {
  const detail = (endedAtMs: number | null, utteranceEndMs: number[]): CallDetail => ({
    call: { startedAtMs: 0, endedAtMs },
    utterances: utteranceEndMs.map((endMs, id) => ({ id, startMs: 0, endMs })),
    findings: [],
  }) as unknown as CallDetail;

  it('never repeats a label, also on a call that has just begun (the demo lists one)', () => {
    for (const span of [timelineSpanMs(detail(null, [])), timelineSpanMs(detail(null, [600])), 4_300, 7_900, 42_900]) {
      const labels = tickTimes(span).map(clock);
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
    }
    expect(tickTimes(timelineSpanMs(detail(null, []))).map(clock)).toEqual(['0:00', '0:01', '0:02', '0:03', '0:04']);
    expect(tickTimes(timelineSpanMs(detail(42_900, [40_000]))).map(clock)).toEqual(['0:00', '0:10', '0:21', '0:32', '0:42']);
  });
});
