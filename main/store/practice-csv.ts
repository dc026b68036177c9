// The trainer's CSV of practice rounds: one row per round, the figures of its score card (goals
// shown and missed by their Dutch names, unhelpful behaviours, interruptions, talk share). No
// words: the trainee's sentences stay on their own machine. The trainee makes the file
// (`klachtcoach practice export`) and hands it over: that is the sharing.
import { behaviourLabel } from '../contracts/behaviours.ts';
import type { CallStore } from './open-store.ts';
import { toCsv } from './csv-export.ts';
import { practiceRoundsOf, type PracticeResult } from './practice-results.ts';

const names = (items: readonly { behaviour: string }[]): string => items.map((i) => behaviourLabel(i.behaviour)).join('; ');

const COLUMNS: readonly (readonly [string, (r: PracticeResult) => unknown])[] = [
  ['agent_id', (r) => r.agentId], ['scenario_id', (r) => r.scenarioId], ['started_utc', (r) => new Date(r.startedAtMs).toISOString()],
  ['duration_s', (r) => Math.round((r.endedAtMs - r.startedAtMs) / 1000)], ['examen', (r) => (r.card.examen ? 'yes' : 'no')],
  ['end_reason', (r) => r.card.endReason], ['turns', (r) => r.card.turns],
  ['goals_shown', (r) => r.card.goals.filter((g) => g.shown).length], ['goals_total', (r) => r.card.goals.length],
  ['shown', (r) => names(r.card.goals.filter((g) => g.shown))], ['missed', (r) => names(r.card.goals.filter((g) => !g.shown))],
  ['unhelpful', (r) => names(r.card.slips)], ['interruptions', (r) => r.card.interruptions],
  ['talk_share', (r) => (r.card.talkShare === null ? null : r.card.talkShare.toFixed(2))], ['customer_path', (r) => r.card.path.join(' > ')],
];

/** The agent's rounds (of one scenario, or all), newest first. */
export function exportPracticeCsv(store: CallStore, agentId: string, scenarioId?: string): string {
  return toCsv(COLUMNS, practiceRoundsOf(store, agentId, scenarioId));
}
