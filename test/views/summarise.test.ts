import { describe, expect, it } from 'vitest';
import type { Tip } from '../../main/contracts/protocol.ts';
import { summarise } from '../../renderer/views/summary/summarise.ts';

let n = 0;
const t = (over: Partial<Tip>): Tip => ({
  id: `t${n++}`, kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.r', atMs: 0, tip: 'x', severity: 'medium', source: 'text', ...over,
});

describe('personal summary', () => {
  it('names what went well, most frequent first, at most three', () => {
    const s = summarise({
      callId: 'c', durationMs: 1, agentTalkShare: 0.4,
      tips: [
        t({ kind: 'praise', behaviour: 'vervolgstappen' }), t({ kind: 'praise', behaviour: 'begrip_tonen' }),
        t({ kind: 'praise', behaviour: 'begrip_tonen' }), t({ kind: 'praise', behaviour: 'doorvragen' }),
        t({ kind: 'praise', behaviour: 'eigenaarschap' }),
      ],
    });
    expect(s.wentWell).toEqual([
      { behaviour: 'begrip_tonen', count: 2 }, { behaviour: 'doorvragen', count: 1 }, { behaviour: 'eigenaarschap', count: 1 },
    ]);
    expect(s.tryNext).toBeNull();
  });

  it('picks one thing to try from the tips shown: the flag shown most, ties to the more severe, worded as its latest tip', () => {
    const s = summarise({
      callId: 'c', durationMs: 1, agentTalkShare: null,
      tips: [
        t({ behaviour: 'bagatelliseren', severity: 'low', atMs: 1 }),
        t({ behaviour: 'verschuilen', severity: 'high', atMs: 2, headline: 'Eerder', say: 'Eerste zin.' }),
        t({ behaviour: 'bagatelliseren', severity: 'low', atMs: 3 }),
        t({ behaviour: 'verschuilen', severity: 'medium', atMs: 9, headline: 'Neem het op je', say: 'Ik zoek het voor u uit.' }),
      ],
    });
    expect(s.tryNext).toEqual({
      seen: 'verschuilen', tryInstead: 'eigenaarschap', headline: 'Neem het op je', say: 'Ik zoek het voor u uit.', shown: 2, count: 2,
    });
    expect(s.unshownFlags).toBe(0);
  });

  it("counts the server's tally of every finding, but only brings up a flag the agent was shown", () => {
    const s = summarise({
      callId: 'c', durationMs: 1, agentTalkShare: 0.5,
      tips: [t({ kind: 'praise', behaviour: 'doorvragen' }), t({ behaviour: 'onderbreken', tip: 'Laat uitpraten.', atMs: 5 })],
      observed: [
        { kind: 'praise', behaviour: 'begrip_tonen', count: 4, severity: 'info', tip: 'Goed.', atMs: 10 },
        { kind: 'praise', behaviour: 'doorvragen', count: 1, severity: 'info', tip: 'Goed.', atMs: 20, shown: 1 },
        // Occurred most, but never on screen: not the one thing to try.
        { kind: 'flag', behaviour: 'verschuilen', count: 3, severity: 'high', tip: 'Neem het op je.', atMs: 30, shown: 0 },
        { kind: 'flag', behaviour: 'onderbreken', count: 2, severity: 'medium', tip: 'Laat uitpraten.', atMs: 5, shown: 1 },
      ],
    });
    expect(s.wentWell).toEqual([{ behaviour: 'begrip_tonen', count: 4 }, { behaviour: 'doorvragen', count: 1 }]);
    expect(s.tryNext).toMatchObject({ seen: 'onderbreken', headline: 'Laat uitpraten.', say: null, shown: 1, count: 2 });
  });

  it('says the flags were not shown when the coach showed none of them, and counts lower certainty apart', () => {
    const s = summarise({
      callId: 'c', durationMs: 1, agentTalkShare: 0.5, tips: [],
      observed: [
        { kind: 'flag', behaviour: 'verschuilen', count: 3, severity: 'high', tip: 'Neem het op je.', atMs: 30, shown: 0, lowConfidence: 1 },
        { kind: 'flag', behaviour: 'bagatelliseren', count: 1, severity: 'high', tip: 'Toon begrip.', atMs: 40, shown: 0 },
        { kind: 'praise', behaviour: 'begrip_tonen', count: 2, severity: 'info', tip: 'Goed.', atMs: 10, lowConfidence: 2 },
      ],
    });
    expect(s.tryNext).toBeNull();
    expect(s.unshownFlags).toBe(3);
    expect(s.lowConfidence).toBe(3);
    // Praise the engine was not sure of is not counted as going well either.
    expect(s.wentWell).toEqual([]);
  });

  it('with no tips at all: nothing to try, nothing praised, share passed through', () => {
    expect(summarise({ callId: 'c', durationMs: 5, agentTalkShare: 0.7, tips: [] }))
      .toEqual({ durationMs: 5, agentTalkShare: 0.7, wentWell: [], tryNext: null, unshownFlags: 0, lowConfidence: 0 });
  });
});
