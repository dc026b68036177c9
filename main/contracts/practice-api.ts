// The Oefenen page's contract with `klachtcoach practice`: requests are checked with these schemas
// at the server, replies are typed for the page. Times are ms; the page never sees the engine's
// findings, only the tip (as on a real call) and, at the end, the score card.
import { z } from 'zod';
import type { Tip } from './protocol.ts';
import type { ScoreCard } from '../practice/score-card.ts';

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
}

export interface CustomerLineView {
  lineId: string;
  text: string;
  /** How long the customer takes to say it: the page shows "de klant praat" that long. */
  speakingMs: number;
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
}
