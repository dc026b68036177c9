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

  it('picks one thing to try: the most frequent flag, ties to the more severe; with its helpful counterpart', () => {
    const s = summarise({
      callId: 'c', durationMs: 1, agentTalkShare: null,
      tips: [
        t({ behaviour: 'bagatelliseren', severity: 'low', atMs: 1 }),
        t({ behaviour: 'verschuilen', severity: 'high', atMs: 2, tip: 'first' }),
        t({ behaviour: 'bagatelliseren', severity: 'low', atMs: 3 }),
        t({ behaviour: 'verschuilen', severity: 'medium', atMs: 9, tip: 'latest' }),
      ],
    });
    expect(s.tryNext).toEqual({ seen: 'verschuilen', tryInstead: 'eigenaarschap', count: 2, tip: 'latest' });
  });

  it("counts the server's tally of every finding, not only the tips that were shown", () => {
    const s = summarise({
      callId: 'c', durationMs: 1, agentTalkShare: 0.5,
      tips: [t({ kind: 'praise', behaviour: 'doorvragen' })],
      observed: [
        { kind: 'praise', behaviour: 'begrip_tonen', count: 4, severity: 'info', tip: 'Goed.', atMs: 10 },
        { kind: 'praise', behaviour: 'doorvragen', count: 1, severity: 'info', tip: 'Goed.', atMs: 20 },
        { kind: 'flag', behaviour: 'verschuilen', count: 2, severity: 'high', tip: 'Neem het op je.', atMs: 30 },
      ],
    });
    expect(s.wentWell).toEqual([{ behaviour: 'begrip_tonen', count: 4 }, { behaviour: 'doorvragen', count: 1 }]);
    expect(s.tryNext).toEqual({ seen: 'verschuilen', tryInstead: 'eigenaarschap', count: 2, tip: 'Neem het op je.' });
  });

  it('with no tips at all: nothing to try, nothing praised, share passed through', () => {
    expect(summarise({ callId: 'c', durationMs: 5, agentTalkShare: 0.7, tips: [] }))
      .toEqual({ durationMs: 5, agentTalkShare: 0.7, wentWell: [], tryNext: null });
  });
});
