// The coach replayed on a call's own clock (what `analyze` reports as `shown`): the same cue
// policy as live, with time moving through the policy's wake-ups and no agent presses.
import { describe, expect, it } from 'vitest';
import { CoachConfig } from '../../main/coach/coach-config.ts';
import { replayCoach } from '../../main/coach/replay.ts';
import { Coach } from '../../main/coach/coach.ts';
import type { Finding } from '../../main/contracts/finding.ts';
import { FakeClock } from './fake-clock.ts';
import { flag, praise } from './findings.ts';

const config = CoachConfig.parse({ tipVisibleMs: 10_000, quietAfterTipMs: 20_000, cooldownPerBehaviourMs: 60_000, staleAfterMs: 15_000 });

const label = (set: Set<Finding>, all: Finding[]) => all.map((f) => `${f.behaviour}@${f.atMs}:${set.has(f) ? 'shown' : 'held'}`);

describe('replayCoach', () => {
  it('shows a waiting finding when the quiet period ends, and only while it is fresh', () => {
    const findings = [flag('verschuilen', 0), flag('verwijten', 5000), flag('bagatelliseren', 12_000)];
    // verschuilen 0–10 000 on screen, quiet until 30 000: verwijten (5 000) is stale by then,
    // bagatelliseren (12 000) is 18 s old at 30 000: stale too.
    expect(label(replayCoach(config, findings), findings)).toEqual(['verschuilen@0:shown', 'verwijten@5000:held', 'bagatelliseren@12000:held']);
    const later = [flag('verschuilen', 0), flag('verwijten', 20_000)];
    // verwijten (20 000) waits until the quiet period ends at 30 000 (10 s old): shown then.
    expect(label(replayCoach(config, later), later)).toEqual(['verschuilen@0:shown', 'verwijten@20000:shown']);
  });

  it('agrees with the live coach fed the same findings at their own times', () => {
    const findings = [flag('verschuilen', 0), praise('begrip_tonen', 3000), flag('verschuilen', 40_000), flag('onderbreken', 41_000, 'high'),
      praise('eigenaarschap', 70_000), flag('verwijten', 95_000), flag('verschuilen', 130_000)];
    const clock = new FakeClock();
    const live = new Set<Finding>();
    const coach = new Coach(config, clock, (e) => { if (e.type === 'show') live.add(e.cue.finding); });
    for (const f of findings) {
      clock.advance(f.atMs - clock.nowMs());
      coach.offer(f);
    }
    clock.advance(200_000 - clock.nowMs());
    expect(label(replayCoach(config, findings), findings)).toEqual(label(live, findings));
    expect(live.size).toBeGreaterThan(1);
    expect(live.size).toBeLessThan(findings.length);
  });
});
