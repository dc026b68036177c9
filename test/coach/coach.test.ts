import { describe, expect, it } from 'vitest';
import { Coach } from '../../main/coach/coach.ts';
import { CoachConfig } from '../../main/coach/coach-config.ts';
import type { CueEvent } from '../../main/coach/cue-policy.ts';
import { FakeClock } from './fake-clock.ts';
import { flag } from './findings.ts';

const config = CoachConfig.parse({ tipVisibleMs: 10_000, quietAfterTipMs: 20_000, staleAfterMs: 40_000, tipFadesAfterMs: 40_000 });

function setup() {
  const clock = new FakeClock();
  const events: CueEvent[] = [];
  const coach = new Coach(config, clock, (e) => events.push(e));
  const log = () => events.map((e) => (e.type === 'show' ? `show ${e.cue.finding.behaviour}@${e.cue.shownAtMs}` : `${e.type} ${e.reason}`));
  return { clock, coach, events, log };
}

describe('live coach on a clock', () => {
  it('expires a tip and shows the waiting one when the quiet period ends, without any input', () => {
    const { clock, coach, log } = setup();
    clock.advance(1_000);
    coach.offer(flag('verschuilen', 1_000));
    clock.advance(500);
    coach.offer(flag('verwijten', 1_500));
    clock.advance(29_499); // now 30 999: expired at 11 000, quiet until 31 000
    expect(log()).toEqual(['show verschuilen@1000', 'clear expired']);
    clock.advance(1);
    expect(log()).toEqual(['show verschuilen@1000', 'clear expired', 'show verwijten@31000']);
  });

  it('acknowledging clears the tip and keeps one timer armed', () => {
    const { clock, coach, log } = setup();
    coach.offer(flag('verschuilen', 0));
    expect(coach.current?.id).toBe('nl.test.verschuilen@0');
    coach.acknowledge('nl.test.verschuilen@0');
    expect(coach.current).toBeNull();
    expect(clock.pendingTimers).toBe(0);
    expect(log()).toEqual(['show verschuilen@0', 'clear acknowledged']);
  });

  it('does nothing after dispose', () => {
    const { clock, coach, events } = setup();
    coach.offer(flag('verschuilen', 0));
    coach.dispose();
    expect(clock.pendingTimers).toBe(0);
    coach.offer(flag('verwijten', 0));
    clock.advance(60_000);
    expect(events).toHaveLength(1);
  });
});
