import { describe, expect, it } from 'vitest';
import { CoachConfig, withRulePacing, type CoachConfig as Config } from '../../main/coach/coach-config.ts';
import { INITIAL_CUE_STATE, nextWakeMs, step, type CueEvent, type CueInput, type CuePolicyState } from '../../main/coach/cue-policy.ts';
import { flag, praise } from './findings.ts';

// Round numbers make the timelines below easy to follow.
const config: Config = CoachConfig.parse({
  tipVisibleMs: 10_000,
  minVisibleBeforeReplaceMs: 2_000,
  quietAfterTipMs: 20_000,
  cooldownPerBehaviourMs: 60_000,
  staleAfterMs: 15_000,
  snoozeMs: 100_000,
  minSeverity: 'low',
  praise: { enabled: true, minGapMs: 90_000 },
  behaviours: { onderbreken: { cooldownMs: 30_000 }, betweterig: { enabled: false } },
});

/** Runs inputs through the policy; returns the final state and all events, in order. */
function run(inputs: CueInput[], cfg: Config = config, from: CuePolicyState = INITIAL_CUE_STATE) {
  let state = from;
  const events: CueEvent[] = [];
  for (const input of inputs) {
    const r = step(cfg, state, input);
    state = r.state;
    events.push(...r.events);
  }
  return { state, events };
}

const shown = (events: CueEvent[]) => events.flatMap((e) => (e.type === 'show' ? [`${e.cue.finding.behaviour}@${e.cue.shownAtMs}`] : []));
const drops = (events: CueEvent[]) => events.flatMap((e) => (e.type === 'drop' ? [`${e.finding.behaviour}:${e.reason}`] : []));
const clears = (events: CueEvent[]) => events.flatMap((e) => (e.type === 'clear' ? [`${e.reason}@${e.atMs}`] : []));

describe('cue policy', () => {
  it('shows a finding at once when the screen is free', () => {
    const { state, events } = run([{ type: 'finding', finding: flag('verschuilen', 1000), nowMs: 1000 }]);
    expect(shown(events)).toEqual(['verschuilen@1000']);
    expect(state.current?.id).toBe('nl.test.verschuilen@1000');
  });

  it('shows one tip at a time and the most severe waiting one next', () => {
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0, 'medium'), nowMs: 0 },
      { type: 'finding', finding: flag('bagatelliseren', 500, 'low'), nowMs: 500 },
      { type: 'finding', finding: flag('verwijten', 600, 'medium'), nowMs: 600 },
      { type: 'acknowledge', cueId: 'nl.test.verschuilen@0', nowMs: 1000 },
      // Quiet until 21 000: nothing may appear before then, even though two findings wait.
      { type: 'tick', nowMs: 12_000 },
      { type: 'finding', finding: flag('verwijten', 14_000, 'medium'), nowMs: 14_000 },
      { type: 'finding', finding: flag('bagatelliseren', 14_500, 'low'), nowMs: 14_500 },
      { type: 'tick', nowMs: 21_000 },
    ]);
    expect(shown(events)).toEqual(['verschuilen@0', 'verwijten@21000']);
    expect(clears(events)).toEqual(['acknowledged@1000']);
    // The newer finding of a behaviour replaces the older waiting one.
    expect(drops(events)).toEqual(['verwijten:superseded', 'bagatelliseren:superseded']);
  });

  it('lets a tip expire after tipVisibleMs and counts the quiet period from then', () => {
    const { state, events } = run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'tick', nowMs: 9_999 },
      { type: 'tick', nowMs: 13_000 }, // tick arrives late: quiet still ends at 10 000 + 20 000
      { type: 'finding', finding: flag('verwijten', 29_000), nowMs: 29_000 },
      { type: 'tick', nowMs: 29_999 },
      { type: 'tick', nowMs: 30_000 },
    ]);
    expect(clears(events)).toEqual(['expired@10000']);
    expect(shown(events)).toEqual(['verschuilen@0', 'verwijten@30000']);
    expect(state.current?.finding.behaviour).toBe('verwijten');
  });

  it('does not repeat a behaviour within its cooldown, and honours a per-behaviour cooldown', () => {
    const base: CueInput[] = [
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'acknowledge', cueId: 'nl.test.verschuilen@0', nowMs: 1_000 },
    ];
    const early = run([...base, { type: 'finding', finding: flag('verschuilen', 59_000), nowMs: 59_000 }]);
    expect(drops(early.events)).toEqual(['verschuilen:cooldown']);
    const later = run([...base, { type: 'finding', finding: flag('verschuilen', 60_000), nowMs: 60_000 }]);
    expect(shown(later.events)).toEqual(['verschuilen@0', 'verschuilen@60000']);

    // onderbreken has its own 30 s cooldown in this config.
    const interrupt = run([
      { type: 'finding', finding: flag('onderbreken', 0), nowMs: 0 },
      { type: 'acknowledge', cueId: 'nl.test.onderbreken@0', nowMs: 500 },
      { type: 'finding', finding: flag('onderbreken', 29_000), nowMs: 29_000 },
      { type: 'finding', finding: flag('onderbreken', 30_000), nowMs: 30_000 },
    ]);
    expect(drops(interrupt.events)).toEqual(['onderbreken:cooldown']);
    expect(shown(interrupt.events)).toEqual(['onderbreken@0', 'onderbreken@30000']);
  });

  it('lets a more severe flag replace the tip only after minVisibleBeforeReplaceMs', () => {
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0, 'low'), nowMs: 0 },
      { type: 'finding', finding: flag('verwijten', 1_000, 'high'), nowMs: 1_000 },
      { type: 'tick', nowMs: 1_999 },
      { type: 'tick', nowMs: 2_000 },
    ]);
    expect(shown(events)).toEqual(['verschuilen@0', 'verwijten@2000']);
    expect(clears(events)).toEqual(['replaced@2000']);
  });

  it('never replaces a tip with one of equal severity, nor a flag with praise', () => {
    const { state, events } = run([
      { type: 'finding', finding: flag('verschuilen', 0, 'medium'), nowMs: 0 },
      { type: 'finding', finding: flag('verwijten', 100, 'medium'), nowMs: 100 },
      { type: 'finding', finding: praise('eigenaarschap', 200), nowMs: 200 },
      { type: 'tick', nowMs: 5_000 },
    ]);
    expect(shown(events)).toEqual(['verschuilen@0']);
    expect(state.pending.map((f) => f.behaviour).sort()).toEqual(['eigenaarschap', 'verwijten']);
  });

  it('ranks any flag above praise, whatever the order they came in', () => {
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'finding', finding: praise('eigenaarschap', 1_000), nowMs: 1_000 },
      { type: 'finding', finding: flag('bagatelliseren', 2_000, 'low'), nowMs: 2_000 },
      { type: 'acknowledge', cueId: 'nl.test.verschuilen@0', nowMs: 3_000 },
      { type: 'tick', nowMs: 18_000 },
    ]);
    // Quiet until 23 000; at 18 000 both have waited more than 15 s and are stale.
    expect(drops(events)).toEqual(['eigenaarschap:stale', 'bagatelliseren:stale']);
    const second = run([
      { type: 'finding', finding: praise('eigenaarschap', 0), nowMs: 0 },
      { type: 'finding', finding: flag('bagatelliseren', 0, 'low'), nowMs: 0 },
    ], config, { ...INITIAL_CUE_STATE, quietUntilMs: 1_000 });
    const after = run([{ type: 'tick', nowMs: 1_000 }], config, second.state);
    expect(shown(after.events)).toEqual(['bagatelliseren@1000']);
  });

  it('keeps praise sparse: one per praise.minGapMs', () => {
    const { events } = run([
      { type: 'finding', finding: praise('eigenaarschap', 0), nowMs: 0 },
      { type: 'acknowledge', cueId: 'nl.test.eigenaarschap@0', nowMs: 1_000 },
      { type: 'finding', finding: praise('vervolgstappen', 40_000), nowMs: 40_000 },
      { type: 'finding', finding: praise('vervolgstappen', 90_000), nowMs: 90_000 },
    ]);
    expect(drops(events)).toEqual(['vervolgstappen:praise-too-soon']);
    expect(shown(events)).toEqual(['eigenaarschap@0', 'vervolgstappen@90000']);
  });

  it('drops a waiting praise when another praise was shown meanwhile', () => {
    const cfg = CoachConfig.parse({ ...config, quietAfterTipMs: 0, staleAfterMs: 60_000 });
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'finding', finding: praise('eigenaarschap', 100), nowMs: 100 },
      { type: 'finding', finding: praise('vervolgstappen', 200), nowMs: 200 },
      { type: 'acknowledge', cueId: 'nl.test.verschuilen@0', nowMs: 1_000 },
    ], cfg);
    expect(shown(events)).toEqual(['verschuilen@0', 'vervolgstappen@1000']);
    const more = run([
      { type: 'acknowledge', cueId: 'nl.test.vervolgstappen@200', nowMs: 2_000 },
    ], cfg, run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'finding', finding: praise('eigenaarschap', 100), nowMs: 100 },
      { type: 'finding', finding: praise('vervolgstappen', 200), nowMs: 200 },
      { type: 'acknowledge', cueId: 'nl.test.verschuilen@0', nowMs: 1_000 },
    ], cfg).state);
    expect(drops(more.events)).toEqual(['eigenaarschap:praise-too-soon']);
    expect(more.state.current).toBeNull();
  });

  it('refuses flags below minSeverity, disabled behaviours and disabled praise', () => {
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0, 'info'), nowMs: 0 },
      { type: 'finding', finding: flag('betweterig', 0, 'high'), nowMs: 0 },
    ]);
    expect(drops(events)).toEqual(['verschuilen:below-threshold', 'betweterig:disabled']);
    const noPraise = CoachConfig.parse({ praise: { enabled: false } });
    expect(drops(run([{ type: 'finding', finding: praise('begrip_tonen', 0), nowMs: 0 }], noPraise).events))
      .toEqual(['begrip_tonen:praise-disabled']);
  });

  it('shows a text finding live only at or above liveConfidence; a finding without confidence counts as sure', () => {
    const sure = CoachConfig.parse({ liveConfidence: 0.8 });
    const { events } = run([
      { type: 'finding', finding: { ...flag('verschuilen', 0), confidence: 0.79 }, nowMs: 0 },
      { type: 'finding', finding: { ...flag('verwijten', 0), confidence: 0.8 }, nowMs: 0 },
      { type: 'finding', finding: flag('bagatelliseren', 1), nowMs: 1 },
    ], sure);
    expect(drops(events)).toEqual(['verschuilen:low-confidence']);
    expect(shown(events)).toEqual(['verwijten@0']);
    // bagatelliseren waits for the screen: refused by nothing.
    expect(drops(run([{ type: 'finding', finding: flag('bagatelliseren', 1), nowMs: 1 }], sure).events)).toEqual([]);
  });

  it('paces a rule by its own cooldown, from its rule file, beside the behaviour\'s', () => {
    const paced = withRulePacing(CoachConfig.parse({ tipVisibleMs: 1000, minVisibleBeforeReplaceMs: 0, quietAfterTipMs: 0, cooldownPerBehaviourMs: 0 }), [
      { header: { id: 'nl.test.verschuilen', pacing: { cooldownMs: 30_000 } } },
      { header: { id: 'nl.test.verwijten' } },
    ]);
    expect(paced.rules).toEqual({ 'nl.test.verschuilen': { cooldownMs: 30_000 } });
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'finding', finding: flag('verschuilen', 10_000), nowMs: 10_000 },
      { type: 'finding', finding: flag('verwijten', 10_000), nowMs: 10_000 },
      { type: 'tick', nowMs: 11_000 },
      { type: 'finding', finding: flag('verwijten', 12_000), nowMs: 12_000 },
      { type: 'finding', finding: flag('verschuilen', 31_000), nowMs: 31_000 },
    ], paced);
    expect(drops(events)).toEqual(['verschuilen:cooldown']);
    expect(shown(events)).toEqual(['verschuilen@0', 'verwijten@10000', 'verwijten@12000', 'verschuilen@31000']);
    // coach.yaml's own entry for a rule wins over its file.
    expect(withRulePacing(CoachConfig.parse({ rules: { a: { cooldownMs: 5 } } }), [{ header: { id: 'a', pacing: { cooldownMs: 9 } } }]).rules)
      .toEqual({ a: { cooldownMs: 5 } });
  });

  it('drops a finding that arrives already stale', () => {
    const { events } = run([{ type: 'finding', finding: flag('verschuilen', 0), nowMs: 15_001 }]);
    expect(drops(events)).toEqual(['verschuilen:stale']);
  });

  it('snooze clears the tip, drops the waiting ones and refuses new ones until it ends', () => {
    const { events } = run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'finding', finding: flag('verwijten', 100), nowMs: 100 },
      { type: 'snooze', nowMs: 1_000 },
      { type: 'finding', finding: flag('bagatelliseren', 50_000), nowMs: 50_000 },
      { type: 'finding', finding: flag('bagatelliseren', 101_000), nowMs: 101_000 },
    ]);
    expect(clears(events)).toEqual(['snoozed@1000']);
    expect(drops(events)).toEqual(['verwijten:snoozed', 'bagatelliseren:snoozed']);
    expect(shown(events)).toEqual(['verschuilen@0', 'bagatelliseren@101000']);
  });

  it('ignores an acknowledgement for a tip that is no longer on screen', () => {
    const first = run([{ type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 }]);
    const { state, events } = run([{ type: 'acknowledge', cueId: 'nl.test.other@0', nowMs: 500 }], config, first.state);
    expect(events).toEqual([]);
    expect(state.current?.id).toBe('nl.test.verschuilen@0');
  });

  it('tells when the next tick matters, and only a future time', () => {
    expect(nextWakeMs(config, INITIAL_CUE_STATE, 0)).toBeNull();
    const one = run([{ type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 }]);
    expect(nextWakeMs(config, one.state, 0)).toBe(10_000);
    const waiting = run([{ type: 'finding', finding: flag('verwijten', 500, 'high'), nowMs: 500 }], config, one.state);
    expect(nextWakeMs(config, waiting.state, 500)).toBe(2_000);
    // At 2 500 the replacement moment has passed (settled), the expiry is next.
    const noOutrank = run([{ type: 'finding', finding: flag('verwijten', 500, 'low'), nowMs: 500 }], config, one.state);
    expect(nextWakeMs(config, noOutrank.state, 2_500)).toBe(10_000);
  });

  it('never mutates the state it is given', () => {
    const frozen = Object.freeze({ ...INITIAL_CUE_STATE, pending: Object.freeze([]) as never });
    expect(() => run([
      { type: 'finding', finding: flag('verschuilen', 0), nowMs: 0 },
      { type: 'finding', finding: flag('verwijten', 0), nowMs: 0 },
    ], config, frozen)).not.toThrow();
    expect(frozen.current).toBeNull();
  });
});
