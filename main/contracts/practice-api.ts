// The Oefenen page's contract with `klachtcoach practice`: requests are checked with these schemas
// at the server, replies are typed for the page. Times are ms; the page never sees the engine's
// findings, only the tip (as on a real call) and, at the end, the score card.
import { z } from 'zod';
import type { Tip } from './protocol.ts';
import type { BehaviourId } from './behaviours.ts';

export const PRACTICE_API_PATH = '/api/practice';

export const StartRoundRequest = z.strictObject({
  scenarioId: z.string().min(1).max(100),
  examen: z.boolean().default(false),
});

export const TurnRequest = z.strictObject({
  /** The trainee's typed words. */
  text: z.string().trim().min(1).max(2000),
});

export interface ScenarioSummary {
  id: string;
  title: string;
  persona: string;
  situation: string;
  goals: { id: string; name: string }[];
  /** How many of the customer's lines the trainer recorded (0: a speech voice or text). */
  recordedLines: number;
}

/** Where the page fetches a recorded line. */
export function recordingPath(scenarioId: string, lineId: string): string {
  return `${PRACTICE_API_PATH}/scenarios/${encodeURIComponent(scenarioId)}/lines/${encodeURIComponent(lineId)}`;
}

export interface CustomerLineView {
  lineId: string;
  text: string;
  /** How long the customer takes to say it: the page shows "de klant praat" that long. */
  speakingMs: number;
  /** A trainer's recording of this line exists (at recordingPath). */
  recorded: boolean;
}

export interface RoundReply {
  roundId: string;
  customer: CustomerLineView | null;
  tip: Tip | null;
  interrupted: boolean;
  over: boolean;
  /** After the customer's line, this much silence makes the customer press on. */
  silenceMs: number;
  /** Present once the round is over. */
  card: ScoreCard | null;
  /** With the card: the trainee's earlier rounds of this scenario, newest first (empty without a store). */
  earlier: PracticeAttempt[];
}

/** One earlier round, as the end of a round compares it (the figures, no words). */
export interface PracticeAttempt {
  startedAtMs: number;
  examen: boolean;
  goalsShown: number;
  goalsTotal: number;
  interruptions: number;
  talkShare: number | null;
}

export interface Moment {
  /** 1-based number of the trainee's turn. */
  turn: number;
  atMs: number;
  ruleId: string;
  /** The trainee's whole turn, and the words that carried the finding where the words did. */
  words: string;
  evidence: string | null;
  tip: string;
}

export interface BehaviourScore {
  behaviour: BehaviourId;
  name: string;
  moments: Moment[];
}

export interface GoalScore extends BehaviourScore {
  shown: boolean;
}

export interface ScoreCard {
  scenarioId: string;
  examen: boolean;
  endReason: 'customer' | 'max-turns' | 'stopped' | null;
  turns: number;
  goals: GoalScore[];
  /** Unhelpful behaviours the engine flagged, in order of first appearance. */
  slips: BehaviourScore[];
  /** The trainee's share of the talk time, 0–1; null when nobody spoke. */
  talkShare: number | null;
  interruptions: number;
  /** The customer's lines after the opening, in order: the path the round took through the scenario. */
  path: string[];
}

/** What the server says on a round's voice socket (/rounds/ID/voice). */
export type VoiceMessage =
  /** The VAD hears the trainee talking, or stopped. */
  | { type: 'trainee'; speaking: boolean }
  /** The trainee talks over the customer: the customer stops now. */
  | { type: 'hush' }
  /**
   * A spoken turn ended: what was recognised, where the VAD heard it (ms of the microphone's
   * audio since the socket opened), and the customer's answer.
   */
  | { type: 'reply'; said: string; reply: RoundReply; heard: { startMs: number; endMs: number } }
  | { type: 'error'; message: string };

export interface VoiceStatus {
  available: boolean;
  model: string | null;
}
