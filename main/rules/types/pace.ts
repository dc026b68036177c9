// Rule type `pace`: the agent's speaking pace, in syllables per second of the agent's speech over a
// sliding window (20 s by default). Sustained fast speech is hard to follow for a customer who is
// upset, so it gets a tip to slow down. Words and timing only: syllables are counted in what the
// agent said (main/rules/syllables.ts) and placed in time by the recogniser's word timestamps, or
// spread over the utterance when a transcript track gives only utterance times. Speech time is
// the time inside the agent's utterances. Judged each time an utterance arrives; one stretch of fast
// speech is one finding, reported as it begins, and the pace must come back under the limit before
// a new stretch is reported. No customer channel needed.
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import { countSyllables, syllablesPerWord } from '../syllables.ts';
import type { TimingDecision, TimingDetector, UtteranceEvent } from '../../turns/timing-detector.ts';

export const PaceParams = z.object({
  /** The sliding window the pace is measured over. */
  windowMs: z.number().int().positive().default(20_000),
  /** Faster than this, sustained over the window, is fast speech. */
  maxSyllablesPerSecond: z.number().positive().default(6.5),
  /** Agent speech needed inside the window before the pace means anything. */
  minSpeechMs: z.number().int().positive().default(8_000),
}).strict();
export type PaceParams = z.infer<typeof PaceParams>;

/** Syllables spoken over a stretch of time. */
interface Piece {
  startMs: number;
  endMs: number;
  syllables: number;
}

/** An utterance's syllables in time: per word where the recogniser gave word times, else spread over the utterance. */
function pieces(u: UtteranceEvent): Piece[] {
  const words = u.words?.filter((w) => w.endMs > w.startMs) ?? [];
  if (words.length === 0) return [{ startMs: u.startMs, endMs: u.endMs, syllables: countSyllables(u.text) }];
  return words.map((w) => ({ startMs: w.startMs, endMs: w.endMs, syllables: syllablesPerWord(w.text).reduce((a, b) => a + b, 0) }));
}

const overlapMs = (a: { startMs: number; endMs: number }, fromMs: number, toMs: number): number =>
  Math.max(0, Math.min(a.endMs, toMs) - Math.max(a.startMs, fromMs));

export function paceDetector(params: PaceParams): TimingDetector {
  let utterances: { startMs: number; endMs: number }[] = [];
  let syllables: Piece[] = [];
  let fast = false;
  return {
    onEvent(event): TimingDecision[] {
      if (event.type !== 'utterance' || event.endMs <= event.startMs) return [];
      utterances.push({ startMs: event.startMs, endMs: event.endMs });
      syllables.push(...pieces(event));
      const toMs = Math.max(...utterances.map((u) => u.endMs));
      const fromMs = toMs - params.windowMs;
      utterances = utterances.filter((u) => u.endMs > fromMs);
      syllables = syllables.filter((p) => p.endMs > fromMs);
      const speechMs = utterances.reduce((sum, u) => sum + overlapMs(u, fromMs, toMs), 0);
      if (speechMs < params.minSpeechMs) return [];
      // A piece partly inside the window counts for the part inside it.
      const count = syllables.reduce((sum, p) => sum + p.syllables * (overlapMs(p, fromMs, toMs) / Math.max(1, p.endMs - p.startMs)), 0);
      const wasFast = fast;
      fast = count / (speechMs / 1000) > params.maxSyllablesPerSecond;
      if (!fast || wasFast) return [];
      const startMs = Math.max(fromMs, Math.min(...utterances.map((u) => u.startMs)));
      return [{ atMs: event.atMs, rangeMs: { startMs, endMs: toMs } }];
    },
  };
}

export const pace = defineTimingType<PaceParams>({
  name: 'pace',
  needsCustomer: false,
  params: PaceParams,
  compile(_header, params) {
    if (params.minSpeechMs > params.windowMs) throw new RuleFieldError(['minSpeechMs'], `cannot exceed windowMs (${params.windowMs})`);
    return () => paceDetector(params);
  },
});
