import { describe, expect, it } from 'vitest';
import { runFixture } from '../../main/turns/example-check.ts';
import type { TimingRuleRuntime } from '../../main/turns/timing-detector.ts';
import type { RuleHeader } from '../../main/rules/schema.ts';
import { overlapDetector, OverlapParams } from '../../main/rules/types/overlap.ts';
import { responseGapDetector, ResponseGapParams } from '../../main/rules/types/response-gap.ts';
import { monologueDetector, MonologueParams } from '../../main/rules/types/monologue.ts';
import { talkShareDetector, TalkShareParams } from '../../main/rules/types/talk-share.ts';
import { paceDetector, PaceParams } from '../../main/rules/types/pace.ts';
import { deadAirDetector, DeadAirParams } from '../../main/rules/types/dead-air.ts';
import { compilePattern } from '../../main/rules/pattern.ts';
import { TimingRuleRunner } from '../../main/turns/timing-detector.ts';

function header(type: string, behaviour: RuleHeader['behaviour']): RuleHeader {
  return { id: `test-${type}`, behaviour, type, severity: 'medium', tip: 'Laat de klant uitpraten.', enabled: true, yieldsTo: [] };
}
const rule = (h: RuleHeader, create: TimingRuleRuntime['createDetector']): TimingRuleRuntime => ({ header: h, needsCustomer: true, createDetector: create });

describe('overlap (onderbreken)', () => {
  const r = rule(header('overlap', 'onderbreken'), () => overlapDetector(OverlapParams.parse({})));
  it('fires at the customer giving way, with the stretch of double talk', () => {
    const [f] = runFixture(r, { customer: [[0, 3600]], agent: [[3000, 7000]] });
    expect(f).toMatchObject({ kind: 'flag', behaviour: 'onderbreken', source: 'timing', rangeMs: { startMs: 3000, endMs: 3600 } });
    expect(f!.atMs).toBeGreaterThanOrEqual(3600);
    expect(f!.atMs).toBeLessThan(3600 + 500);
  });
  it('does not fire when the customer holds on longer than about a second', () => {
    expect(runFixture(r, { customer: [[0, 5000]], agent: [[3000, 7000]] })).toEqual([]);
  });
  it('does not fire on a terminal overlap under minOverlapMs', () => {
    expect(runFixture(r, { customer: [[0, 3000]], agent: [[2800, 6000]] })).toEqual([]);
  });
  it('reports every interruption, however close together (pacing is the coach\'s)', () => {
    const fixture = {
      customer: [[0, 3600], [5000, 8600], [10000, 13600]] as [number, number][],
      agent: [[3000, 4500], [8000, 9500], [13000, 15000]] as [number, number][],
    };
    expect(runFixture(r, fixture).map((f) => f.rangeMs.startMs)).toEqual([3000, 8000, 13000]);
  });
});

describe('response-gap (geen_stilte)', () => {
  const r = rule(header('response-gap', 'geen_stilte'), () => responseGapDetector(ResponseGapParams.parse({ count: 3, windowMs: 60000, maxGapMs: 150 })));
  it('needs the count within the window and reports from the first quick answer', () => {
    const quick = { customer: [[0, 3000], [5000, 8000], [10000, 13000]] as [number, number][], agent: [[3050, 4500], [8100, 9500], [13000, 15000]] as [number, number][] };
    const [f] = runFixture(r, quick);
    expect(f!.rangeMs).toEqual({ startMs: 3000, endMs: 13000 });
  });
  it('starts counting afresh after firing', () => {
    const customer: [number, number][] = [];
    const agent: [number, number][] = [];
    for (let i = 0; i < 5; i++) {
      customer.push([i * 5000, i * 5000 + 3000]);
      agent.push([i * 5000 + 3050, i * 5000 + 4500]);
    }
    expect(runFixture(r, { customer, agent })).toHaveLength(1); // 5 quick answers: one pattern, two left over
  });
});

describe('monologue (monoloog)', () => {
  const r = rule(header('monologue', 'monoloog'), () => monologueDetector(MonologueParams.parse({ minDurationMs: 40000, maxPauseMs: 2500, customerTurnMs: 1000 })));
  it('fires live once the stretch reaches the minimum, not at its end', () => {
    const [f] = runFixture(r, { customer: [[0, 4000]], agent: [[4500, 60000]] });
    expect(f!.rangeMs!.startMs).toBe(4500);
    expect(f!.atMs).toBeGreaterThanOrEqual(44500);
    expect(f!.atMs).toBeLessThan(44500 + 100);
  });
  it('restarts the stretch when the customer takes a real turn while the agent talks on', () => {
    const found = runFixture(r, { customer: [[0, 4000], [20000, 22000]], agent: [[4500, 70000]] });
    expect(found).toHaveLength(1);
    expect(found[0]!.rangeMs!.startMs).toBe(22000);
  });
});

describe('talk-share', () => {
  const r = rule(header('talk-share', 'monoloog'), () => talkShareDetector(TalkShareParams.parse({ windowMs: 180000, maxAgentShare: 0.7, minTalkMs: 60000 })));
  it('fires once enough talk is in the window and the agent has most of it, once for the whole stretch', () => {
    const found = runFixture(r, { customer: [[0, 5000]], agent: [[5500, 100000]] });
    expect(found).toHaveLength(1);
    expect(found[0]!.atMs).toBeGreaterThanOrEqual(60000);
  });
  it('fires again for a second stretch after the share fell back under the limit', () => {
    const found = runFixture(r, { customer: [[0, 5000], [101000, 200000]], agent: [[5500, 100000], [200500, 330000]] });
    expect(found).toHaveLength(2);
    expect(found[1]!.atMs).toBeGreaterThan(200500);
  });
  it('stays quiet with a balanced call', () => {
    expect(runFixture(r, { customer: [[0, 30000], [60000, 90000]], agent: [[30500, 59500], [90500, 120000]] })).toEqual([]);
  });
});

describe('pace (rustig_blijven)', () => {
  const r = rule({ ...header('pace', 'rustig_blijven'), kind: 'flag' }, () => paceDetector(PaceParams.parse({})));
  const fast = 'Ik heb in het systeem gezien dat de factuur van vorige maand verkeerd is berekend en dat we dat bedrag nu terugstorten op uw rekening.'; // 39 syllables
  it('flags sustained fast speech under rustig_blijven, once per stretch, from utterance times', () => {
    const said: [number, number, string][] = [0, 5300, 10_600, 15_900].map((t) => [t, t + 5000, fast]);
    const found = runFixture(r, { said });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'flag', behaviour: 'rustig_blijven', source: 'timing', rangeMs: { startMs: 0, endMs: 10_300 } });
  });
  it('reports a second stretch after the pace came back under the limit', () => {
    const said: [number, number, string][] = [[0, 5000, fast], [5300, 10_300, fast], [11_000, 20_000, fast], [21_000, 30_000, fast], [31_000, 40_000, fast],
      [41_000, 46_000, fast], [46_300, 51_300, fast], [51_600, 56_600, fast]];
    expect(runFixture(r, { said }).map((f) => f.rangeMs)).toEqual([{ startMs: 0, endMs: 10_300 }, { startMs: 36_600, endMs: 56_600 }]);
  });
  it('places syllables by the recogniser\'s word times: a long pause inside an utterance is not fast speech', () => {
    // The same 39 syllables said in 3.9 s of words, inside an utterance of 10 s: the words are
    // fast, but the utterance as a whole is not sustained fast speech, and only speech time counts.
    const words = fast.split(' ').map((text, i) => ({ text, startMs: i * 150, endMs: i * 150 + 140 }));
    const detector = paceDetector(PaceParams.parse({ minSpeechMs: 5000 }));
    const decide = (u: { startMs: number; endMs: number; words?: typeof words }) => detector.onEvent({ type: 'utterance', text: fast, atMs: u.endMs, ...u });
    expect(decide({ startMs: 0, endMs: 10_000, words })).toEqual([]);
    expect(decide({ startMs: 10_500, endMs: 14_500, words: words.map((w) => ({ ...w, startMs: w.startMs + 10_500, endMs: w.endMs + 10_500 })) })).toEqual([]);
  });
});

describe('dead-air (stilte_zonder_uitleg)', () => {
  const announcements = ['(zoek|kijk) _{0,4} (even|eventjes)', '(ogenblik|ogenblikje|momentje)'].map((p) => compilePattern(p, () => undefined));
  const r: TimingRuleRuntime = { header: header('dead-air', 'stilte_zonder_uitleg'), needsCustomer: true, createDetector: () => deadAirDetector(DeadAirParams.parse({ announcements: ['x'] }), announcements) };
  it('flags a silence of both parties over 10 s, decided live at 10 s, reported from where it began', () => {
    const [f, ...more] = runFixture(r, { customer: [[0, 4000], [20_000, 22_000]], said: [[4500, 7000, 'Dat is vervelend voor u.']] });
    expect(more).toEqual([]);
    expect(f).toMatchObject({ kind: 'flag', behaviour: 'stilte_zonder_uitleg', rangeMs: { startMs: 7000 } });
    expect(f!.atMs).toBeGreaterThanOrEqual(17_000);
    expect(f!.atMs).toBeLessThan(17_100);
  });
  it('stays quiet when the agent said what is happening just before, and for a second silence judges afresh', () => {
    const announced = { customer: [[0, 4000]] as [number, number][], said: [[4500, 8000, 'Ik kijk het even na, een ogenblikje.'], [22_000, 24_000, 'Zo, ik heb het gevonden.']] as [number, number, string][] };
    expect(runFixture(r, announced)).toEqual([]);
    const twice = { ...announced, said: [...announced.said, [24_500, 25_000, 'Dus.'] as [number, number, string]], customer: [[0, 4000], [40_000, 41_000]] as [number, number][] };
    expect(runFixture(r, twice).map((f) => f.rangeMs.startMs)).toEqual([25_000]);
  });
  it('is skipped on a mono call: the customer\'s speech would look like silence', () => {
    expect(new TimingRuleRunner(r).rule.needsCustomer).toBe(true);
  });
});
