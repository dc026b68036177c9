import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { PracticeSession } from '../../main/practice/practice-session.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';
import { playScript } from '../../main/practice/scripted-trainee.ts';
import type { ScoreCard } from '../../main/practice/score-card.ts';
import { exportAgentData } from '../../main/store/agent-data.ts';
import { listAgents, listCalls } from '../../main/store/call-list.ts';
import { exportFindingsCsv } from '../../main/store/csv-export.ts';
import { exportPracticeCsv } from '../../main/store/practice-csv.ts';
import { earlierAttempts, practiceRoundsOf, recordPracticeRound } from '../../main/store/practice-results.ts';
import { purgeExpired } from '../../main/store/retention.ts';
import { ruleStats } from '../../main/store/rule-stats.ts';
import { weeklyTrends } from '../../main/store/trends.ts';
import { T0, tempStore, type TempStore } from './helpers.ts';

const DAY = 86_400_000;
let t: TempStore | undefined;
afterEach(() => t?.cleanup());

/** The burenoverlast scenario's good and poor example rounds, played for real. */
let cards: ScoreCard[] = [];
beforeAll(() => {
  const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
  const scenario = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).find((l) => l.scenario.id === 'burenoverlast')!.scenario;
  cards = scenario.examples.map((example) => {
    const session = new PracticeSession({ scenario, engine, timingRules: timingRuntimes(engine), coachConfig: DEFAULT_COACH_CONFIG });
    playScript(session, example.turns);
    return session.scoreCard();
  });
});

function recordThree(s: TempStore): void {
  recordPracticeRound(s.store, { agentId: 'sanne', startedAtMs: T0, endedAtMs: T0 + 60_000, card: cards[0]! });
  recordPracticeRound(s.store, { agentId: 'sanne', startedAtMs: T0 + 3_600_000, endedAtMs: T0 + 3_700_000, card: cards[1]! });
  recordPracticeRound(s.store, { agentId: 'piet', startedAtMs: T0, endedAtMs: T0 + 60_000, card: cards[0]! });
}

describe('practice results in the call store', () => {
  it('keeps each round\'s score card, newest first per scenario, and never among real calls', () => {
    t = tempStore();
    recordThree(t);
    const mine = practiceRoundsOf(t.store, 'sanne', 'burenoverlast');
    expect(mine.map((r) => r.startedAtMs)).toEqual([T0 + 3_600_000, T0]);
    expect(mine[1]!.card).toEqual(cards[0]);
    expect(mine[0]!.card.goals.every((g) => !g.shown)).toBe(true);
    expect(practiceRoundsOf(t.store, 'sanne', 'servicekosten')).toEqual([]);
    // Real-call views see nothing of it: lists, agents, trends, rule stats, the findings CSV, the team outbox.
    expect(listCalls(t.store, {}).total).toBe(0);
    expect(listAgents(t.store)).toEqual([]);
    expect(weeklyTrends(t.store).series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0)).toBe(0);
    expect(ruleStats(t.store)).toEqual([]);
    expect(exportFindingsCsv(t.store, {}).split('\r\n').filter(Boolean)).toHaveLength(1);
    expect(t.store.db.prepare('SELECT COUNT(*) FROM team_outbox').pluck().get()).toBe(0);
    // The agent's own data export does carry them, apart from the calls.
    const own = exportAgentData(t.store, 'sanne');
    expect(own.calls).toEqual([]);
    expect(own.practiceRounds.map((r) => r.startedAtMs)).toEqual([T0, T0 + 3_600_000]);
  });

  it('earlier attempts: the figures of the same agent\'s rounds of one scenario, newest first', () => {
    t = tempStore();
    recordThree(t);
    const good = cards[0]!;
    expect(earlierAttempts(t.store, 'sanne', 'burenoverlast')).toEqual([
      { startedAtMs: T0 + 3_600_000, examen: false, goalsShown: 0, goalsTotal: good.goals.length, interruptions: cards[1]!.interruptions, talkShare: cards[1]!.talkShare },
      { startedAtMs: T0, examen: false, goalsShown: good.goals.length, goalsTotal: good.goals.length, interruptions: 0, talkShare: good.talkShare },
    ]);
    expect(earlierAttempts(t.store, 'sanne', 'burenoverlast', 1)).toHaveLength(1);
    expect(earlierAttempts(t.store, 'niemand', 'burenoverlast')).toEqual([]);
  });

  it('the trainer\'s CSV: one row per round of that agent, goals by name, no words', () => {
    t = tempStore();
    recordThree(t);
    const csv = exportPracticeCsv(t.store, 'sanne');
    const rows = csv.split('\r\n').filter(Boolean);
    expect(rows[0]).toBe('agent_id,scenario_id,started_utc,duration_s,examen,end_reason,turns,goals_shown,goals_total,shown,missed,unhelpful,interruptions,talk_share,customer_path');
    expect(rows).toHaveLength(3);
    const n = cards[0]!.goals.length;
    expect(rows[2]).toMatch(new RegExp(`^sanne,burenoverlast,2026-11-23T09:00:00\\.000Z,60,no,customer,\\d+,${n},${n},"Begrip tonen; `));
    expect(rows[1]).toContain(`,0,${n},,"Begrip tonen; `);
    // The trainee's sentences stay out of it.
    const words = cards.flatMap((c) => [...c.goals, ...c.slips].flatMap((b) => b.moments.map((m) => m.words))).filter(Boolean);
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(csv).not.toContain(w);
    expect(exportPracticeCsv(t.store, 'piet').split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('follows the store\'s retention: words erased after the snippet days, rounds deleted after the finding days', () => {
    t = tempStore();
    recordThree(t);
    t.clock.ms = T0 + 31 * DAY;
    expect(purgeExpired(t.store)).toMatchObject({ practiceWordsErased: 3, practiceRoundsDeleted: 0 });
    const [round] = practiceRoundsOf(t.store, 'piet');
    expect(round!.card.goals.flatMap((g) => g.moments).every((m) => m.words === '' && m.evidence === null)).toBe(true);
    expect(round!.card.goals.map((g) => g.shown)).toEqual(cards[0]!.goals.map((g) => g.shown));
    const raw = t.store.db.prepare('SELECT group_concat(card_json) FROM practice_rounds').pluck().get() as string;
    expect(raw).not.toContain(cards[0]!.goals[0]!.moments[0]!.words);
    // Purging again changes nothing; 90 days on, the rounds are gone.
    expect(purgeExpired(t.store)).toMatchObject({ practiceWordsErased: 0, practiceRoundsDeleted: 0 });
    t.clock.ms = T0 + 91 * DAY;
    expect(purgeExpired(t.store)).toMatchObject({ practiceRoundsDeleted: 3 });
    expect(t.store.db.prepare('SELECT COUNT(*) FROM practice_rounds').pluck().get()).toBe(0);
  });
});
