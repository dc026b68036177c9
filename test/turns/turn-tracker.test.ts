import { describe, expect, it } from 'vitest';
import { replayFixture } from '../../main/turns/timed-fixture.ts';
import { TurnTracker } from '../../main/turns/turn-tracker.ts';
import type { TurnEvent } from '../../main/turns/turn-events.ts';

function events(agent: [number, number][], customer: [number, number][]): TurnEvent[] {
  const out: TurnEvent[] = [];
  replayFixture({ agent, customer }, (e) => { if (e.type !== 'utterance') out.push(e); });
  return out;
}
const of = <T extends TurnEvent['type']>(list: TurnEvent[], type: T) => list.filter((e): e is Extract<TurnEvent, { type: T }> => e.type === type);

describe('turn tracker', () => {
  it('reports an agent interruption: agent came in, customer stopped first', () => {
    const [overlap] = of(events([[3000, 7000]], [[0, 3600]]), 'overlap');
    expect(overlap).toMatchObject({ intruder: 'agent', holder: 'customer', firstToStop: 'customer', startMs: 3000, endMs: 3600 });
    // decided when the customer's end is confirmed (end + hangover), not before
    expect(overlap!.atMs).toBeGreaterThanOrEqual(3600);
  });

  it('waits for the other party\'s end when it was not heard after this one stopped (its VAD hangover still running)', () => {
    // The customer's end (3600) is decided at 3920 while the agent's segment is still open, but the
    // agent went quiet at 3550: the agent stopped first, and that is only known when its end comes.
    const tracker = new TurnTracker({ stillSpeaking: () => false });
    tracker.apply('customer', { type: 'speech-start', startMs: 0, atMs: 128 });
    tracker.apply('agent', { type: 'speech-start', startMs: 3000, atMs: 3128 });
    expect(tracker.apply('customer', { type: 'speech-end', startMs: 0, endMs: 3600, atMs: 3920 }).filter((e) => e.type === 'overlap')).toEqual([]);
    const settled = tracker.apply('agent', { type: 'speech-end', startMs: 3000, endMs: 3550, atMs: 3950 });
    expect(settled).toContainEqual(expect.objectContaining({ type: 'overlap', intruder: 'agent', firstToStop: 'agent', endMs: 3550 }));
  });

  it('reports a backchannel as the agent stopping first', () => {
    const [overlap] = of(events([[2000, 2400]], [[0, 6000]]), 'overlap');
    expect(overlap).toMatchObject({ intruder: 'agent', firstToStop: 'agent', startMs: 2000, endMs: 2400 });
  });

  it('reports the customer coming in over the agent with the customer as intruder', () => {
    const [overlap] = of(events([[0, 4000]], [[3400, 8000]]), 'overlap');
    expect(overlap).toMatchObject({ intruder: 'customer', holder: 'agent', firstToStop: 'agent' });
  });

  it('measures the gap at a speaker change even when the end is confirmed after the next start', () => {
    // the customer's end (3000) is confirmed at 3320, after the agent's start (3050) is confirmed at 3178
    const list = events([[3050, 5000]], [[0, 3000]]);
    expect(of(list, 'overlap')).toHaveLength(0);
    expect(of(list, 'gap')).toContainEqual(expect.objectContaining({ from: 'customer', to: 'agent', startMs: 3000, endMs: 3050 }));
  });

  it('does not call a resumption by the same speaker a speaker change', () => {
    const gaps = of(events([[0, 2000]], [[2500, 4000]]).concat(), 'gap');
    expect(gaps).toHaveLength(1);
    const list = events([[0, 2000], [4500, 6000]], [[1000, 1400]]);
    expect(of(list, 'gap')).toHaveLength(0);
  });

  it('keeps a live who-is-talking state and running talk share', () => {
    const ticks = of(events([[0, 3000]], [[4000, 5000]]), 'tick');
    const at = (ms: number) => ticks.find((t) => t.atMs >= ms)!.state;
    expect(at(1000).talking).toEqual({ agent: true, customer: false });
    expect(at(4500).talking).toEqual({ agent: false, customer: true });
    const end = ticks.at(-1)!.state;
    expect(end.talkMs).toEqual({ agent: 3000, customer: 1000 });
    expect(end.agentShare).toBeCloseTo(0.75, 5);
  });

  it('ignores an end for a channel that is not speaking', () => {
    const t = new TurnTracker();
    expect(t.apply('agent', { type: 'speech-end', startMs: 0, endMs: 10, atMs: 32 })).toEqual([]);
    expect(t.state().agentShare).toBeUndefined();
  });
});
