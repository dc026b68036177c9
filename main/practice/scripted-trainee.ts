// Plays a scenario's scripted turns (its examples, tests, the bench) the way a trainee would:
// an answer starts a second after the customer finished, an interruption halfway through the
// customer's line, and a silence lasts as long as the scenario waits before pressing on.
import { PracticeSession, type CustomerTurn, type TraineeInput, type TurnResult } from './practice-session.ts';
import type { ScriptedTurn } from './scenario-schema.ts';

/** How long a scripted trainee takes to start answering after the customer stopped. */
export const SCRIPTED_ANSWER_GAP_MS = 1000;

export function scriptedInput(turn: ScriptedTurn, customer: CustomerTurn, silenceMs: number): TraineeInput {
  if ('silence' in turn) return { kind: 'silence', atMs: customer.endMs + silenceMs };
  const startMs = turn.interrupt
    ? customer.startMs + Math.round((customer.endMs - customer.startMs) / 2)
    : customer.endMs + SCRIPTED_ANSWER_GAP_MS;
  return { kind: 'say', text: turn.say, startMs };
}

export interface ScriptedRound {
  results: TurnResult[];
  /** Turns left unplayed because the round ended first. */
  unplayed: number;
}

/** Plays the turns on a fresh session until they run out or the round ends. */
export function playScript(session: PracticeSession, turns: readonly ScriptedTurn[]): ScriptedRound {
  let customer = session.start();
  const results: TurnResult[] = [];
  for (const turn of turns) {
    if (session.over) break;
    const result = session.answer(scriptedInput(turn, customer, session.scenario.silenceMs));
    results.push(result);
    if (result.customer) customer = result.customer;
  }
  return { results, unplayed: turns.length - results.length };
}
