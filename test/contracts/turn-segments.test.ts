import { describe, expect, it } from 'vitest';
import { compactTurns, doubleTalk, TurnSegments, type TurnSegment } from '../../main/contracts/turn-segments.ts';

const seg = (party: TurnSegment['party'], startMs: number, endMs: number): TurnSegment => ({ party, startMs, endMs });

describe('turn segments', () => {
  it('finds the double talk between the parties', () => {
    expect(doubleTalk([seg('customer', 0, 3600), seg('agent', 3000, 7000), seg('customer', 6500, 8000), seg('agent', 9000, 9500)]))
      .toEqual([{ startMs: 3000, endMs: 3600 }, { startMs: 6500, endMs: 7000 }]);
    expect(doubleTalk([seg('agent', 0, 1000), seg('customer', 1000, 2000)])).toEqual([]);
  });

  it('merges the shortest pauses of each party to fit a long call in the limit, keeping the shape', () => {
    const many = Array.from({ length: 10 }, (_, i) => seg(i % 2 ? 'customer' : 'agent', i * 1000, i * 1000 + (i === 4 ? 900 : 500)));
    many.push(seg('agent', 4950, 5100)); // 50 ms after the agent's segment at 4000–4900
    const compact = compactTurns(many, 10);
    expect(compact).toHaveLength(10);
    expect(compact).toContainEqual(seg('agent', 4000, 5100));
    expect(compactTurns(many.slice(0, 3), 10)).toEqual(many.slice(0, 3));
    expect(compactTurns(Array.from({ length: 5000 }, (_, i) => seg('agent', i * 10, i * 10 + 5)))).toHaveLength(1);
  });

  it('refuses a segment that ends before it starts, naming the field', () => {
    const r = TurnSegments.safeParse([seg('agent', 10, 5)]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([0, 'endMs']);
  });
});
