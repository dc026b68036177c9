// The review screens' one-line wordings (issue 14): how long a call took (one that is still being
// recorded says so instead of "–"), and what happened live with each moment, in the same words
// Mijn momenten uses for the agent.
import { describe, expect, it } from 'vitest';
import { callDuration, liveStory } from '../../renderer/review/text.ts';
import type { ReviewFinding } from '../../renderer/review/contracts.ts';

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
