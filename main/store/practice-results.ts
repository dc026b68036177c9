// Practice rounds in the call store, apart from real calls (their own table): one row per
// finished round with its score card, read back per agent and scenario, newest first.
import { randomUUID } from 'node:crypto';
import type { ScoreCard } from '../practice/score-card.ts';
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
