// A known transcript of the agent's side of a call: one utterance per JSON line
// ({"startMs", "endMs", "text"}), for replay, demos and tests without a speech model.
import { z } from 'zod';
import type { Finding } from '../contracts/finding.ts';
import { createCallContext, type RuleEngine, type Utterance } from './engine.ts';
import { readJsonLines, type JsonLinesResult } from './jsonl-file.ts';

/** One utterance is at most a minute or so of speech; a longer text is not one utterance. */
export const MAX_UTTERANCE_CHARS = 5_000;

export const TranscriptLine = z.object({
  startMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
  text: z.string().max(MAX_UTTERANCE_CHARS),
}).refine((u) => u.endMs >= u.startMs, { message: 'endMs is before startMs', path: ['endMs'] });

export function readTranscript(file: string): JsonLinesResult<Utterance> {
  return readJsonLines(file, TranscriptLine);
}

/** Runs a whole call through the engine in time order, with one call context (cooldowns, history). */
export function analyzeTranscript(engine: RuleEngine, utterances: readonly Utterance[]): Finding[] {
  const ctx = createCallContext();
  const ordered = [...utterances].sort((a, b) => a.startMs - b.startMs);
  return ordered.flatMap((u) => engine.analyzeUtterance(u, ctx));
}
