import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { PracticeSession } from '../../main/practice/practice-session.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';
import { playScript } from '../../main/practice/scripted-trainee.ts';
import { listAgents, listCalls } from '../../main/store/call-list.ts';
import { practiceRoundsOf, recordPracticeRound } from '../../main/store/practice-results.ts';
import { weeklyTrends } from '../../main/store/trends.ts';
import { T0, tempStore, type TempStore } from './helpers.ts';

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

describe('practice results in the call store', () => {
  it('keeps each round\'s score card, newest first per scenario, and never among real calls', () => {
    t = tempStore();
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const scenario = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).find((l) => l.scenario.id === 'burenoverlast')!.scenario;
    const cards = scenario.examples.map((example) => {
      const session = new PracticeSession({ scenario, engine, timingRules: timingRuntimes(engine), coachConfig: DEFAULT_COACH_CONFIG });
      playScript(session, example.turns);
      return session.scoreCard();
    });
    recordPracticeRound(t.store, { agentId: 'sanne', startedAtMs: T0, endedAtMs: T0 + 60_000, card: cards[0]! });
    recordPracticeRound(t.store, { agentId: 'sanne', startedAtMs: T0 + 3_600_000, endedAtMs: T0 + 3_700_000, card: cards[1]! });
    recordPracticeRound(t.store, { agentId: 'piet', startedAtMs: T0, endedAtMs: T0 + 60_000, card: cards[0]! });

    const mine = practiceRoundsOf(t.store, 'sanne', 'burenoverlast');
    expect(mine.map((r) => r.startedAtMs)).toEqual([T0 + 3_600_000, T0]);
    expect(mine[1]!.card).toEqual(cards[0]);
    expect(mine[0]!.card.goals.every((g) => !g.shown)).toBe(true);
    expect(practiceRoundsOf(t.store, 'sanne', 'servicekosten')).toEqual([]);
    // Real-call views see nothing of it.
    expect(listCalls(t.store, {}).total).toBe(0);
    expect(listAgents(t.store)).toEqual([]);
    expect(weeklyTrends(t.store).series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
