// Practice rounds in the call store, apart from real calls (their own table): one row per
// finished round with its score card, read back per agent and scenario, newest first.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ScoreCard } from '../practice/score-card.ts';
import type { PracticeAttempt } from '../contracts/practice-api.ts';
import type { CallStore } from './open-store.ts';

export interface PracticeResult {
  id: string;
  agentId: string;
  scenarioId: string;
  startedAtMs: number;
  endedAtMs: number;
  card: ScoreCard;
}

export function recordPracticeRound(store: CallStore, input: Omit<PracticeResult, 'id' | 'scenarioId'>): string {
  const id = randomUUID();
  const { card } = input;
  store.db.prepare(`
    INSERT INTO practice_rounds (id, agent_id, scenario_id, started_at_ms, ended_at_ms, examen, goals_shown, goals_total, card_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  `).run(id, input.agentId, card.scenarioId, Math.round(input.startedAtMs), Math.round(input.endedAtMs), card.examen ? 1 : 0,
    card.goals.filter((g) => g.shown).length, card.goals.length, JSON.stringify(card));
  return id;
}

interface Row {
  id: string;
  agent_id: string;
  scenario_id: string;
  started_at_ms: number;
  ended_at_ms: number;
  card_json: string;
}

export function practiceRoundsOf(store: CallStore, agentId: string, scenarioId?: string): PracticeResult[] {
  const rows = store.db.prepare(`
    SELECT id, agent_id, scenario_id, started_at_ms, ended_at_ms, card_json FROM practice_rounds
    WHERE agent_id = ? AND (? IS NULL OR scenario_id = ?)
    ORDER BY started_at_ms DESC
  `).all(agentId, scenarioId ?? null, scenarioId ?? null) as Row[];
  return rows.map((r) => ({
    id: r.id, agentId: r.agent_id, scenarioId: r.scenario_id, startedAtMs: r.started_at_ms, endedAtMs: r.ended_at_ms,
    card: JSON.parse(r.card_json) as ScoreCard,
  }));
}


export function attemptOf(result: Pick<PracticeResult, 'startedAtMs' | 'card'>): PracticeAttempt {
  const { card } = result;
  return {
    startedAtMs: result.startedAtMs, examen: card.examen, goalsShown: card.goals.filter((g) => g.shown).length,
    goalsTotal: card.goals.length, interruptions: card.interruptions, talkShare: card.talkShare,
  };
}

/** The agent's earlier rounds of one scenario, newest first, at most `limit`. */
export function earlierAttempts(store: CallStore, agentId: string, scenarioId: string, limit = 5): PracticeAttempt[] {
  return practiceRoundsOf(store, agentId, scenarioId).slice(0, limit).map(attemptOf);
}

/**
 * Retention for practice rounds, inside the store's purge transaction: the trainee's words on a
 * score card are erased after the snippet days (the figures stay), whole rounds go after the
 * finding days. Returns [rounds deleted, rounds whose words were erased].
 */
export function purgePracticeRounds(db: Database, cutoffs: { snippetCutoffMs: number; findingCutoffMs: number }): [number, number] {
  const deleted = db.prepare('DELETE FROM practice_rounds WHERE ended_at_ms < ?').run(cutoffs.findingCutoffMs).changes;
  const stale = db.prepare(`
    SELECT id, card_json FROM practice_rounds WHERE ended_at_ms < ? AND json_extract(card_json, '$.wordsErased') IS NULL
  `).all(cutoffs.snippetCutoffMs) as { id: string; card_json: string }[];
  const update = db.prepare('UPDATE practice_rounds SET card_json = ? WHERE id = ?');
  for (const row of stale) update.run(JSON.stringify(withoutWords(JSON.parse(row.card_json) as ScoreCard)), row.id);
  return [deleted, stale.length];
}

function withoutWords(card: ScoreCard): ScoreCard & { wordsErased: true } {
  const blank = <T extends { moments: ScoreCard['goals'][number]['moments'] }>(b: T): T =>
    ({ ...b, moments: b.moments.map((m) => ({ ...m, words: '', evidence: null })) });
  return { ...card, goals: card.goals.map(blank), slips: card.slips.map(blank), wordsErased: true };
}
