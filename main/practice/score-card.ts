// The end of a round: per goal behaviour whether the trainee showed it and where, the unhelpful
// behaviours the engine flagged (with the trainee's words), talk share and interruptions.
import { behaviour, type BehaviourId } from '../contracts/behaviours.ts';
import type { Finding } from '../contracts/finding.ts';
import type { TalkState } from '../turns/turn-events.ts';
import type { Scenario } from './scenario-schema.ts';
import type { Moment, ScoreCard } from '../contracts/practice-api.ts';

export type { ScoreCard };

export interface TurnRecord {
  /** The trainee's words; empty for a silence. */
  text: string;
  silence: boolean;
  interrupted: boolean;
  findings: Finding[];
  /** The customer line this turn answered. */
  customerLineId: string;
}

function momentsOf(turns: readonly TurnRecord[], pick: (f: Finding) => boolean): Map<BehaviourId, Moment[]> {
  const out = new Map<BehaviourId, Moment[]>();
  turns.forEach((turn, i) => {
    for (const f of turn.findings) {
      if (!pick(f)) continue;
      const list = out.get(f.behaviour) ?? [];
      list.push({ turn: i + 1, atMs: f.atMs, ruleId: f.ruleId, words: turn.text, evidence: f.span?.text ?? null, tip: f.tip });
      out.set(f.behaviour, list);
    }
  });
  return out;
}

export function buildScoreCard(input: {
  scenario: Scenario;
  turns: readonly TurnRecord[];
  talk: TalkState;
  examen: boolean;
  endReason: ScoreCard['endReason'];
  path: readonly string[];
}): ScoreCard {
  const { scenario, turns } = input;
  const praise = momentsOf(turns, (f) => f.kind === 'praise');
  const flags = momentsOf(turns, (f) => f.kind === 'flag');
  return {
    scenarioId: scenario.id,
    examen: input.examen,
    endReason: input.endReason,
    turns: turns.length,
    goals: scenario.goals.map((id) => {
      const moments = praise.get(id) ?? [];
      return { behaviour: id, name: behaviour(id).name, shown: moments.length > 0, moments };
    }),
    slips: [...flags].map(([id, moments]) => ({ behaviour: id, name: behaviour(id).name, moments })),
    talkShare: input.talk.agentShare ?? null,
    interruptions: turns.filter((t) => t.interrupted).length,
    path: [...input.path],
  };
}
