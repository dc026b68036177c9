// What the turn and interruption figures are measured with, for the tests and `npm run bench --
// audio` alike: VAD boundary error against the rendered truth of scripts/make-call.ts calls, and
// interruption recall and false alarms on labelled calls.
import type { CallTruth, TruthLine } from '../../scripts/make-call.ts';
import type { Finding } from '../../main/contracts/finding.ts';
import type { TimelineEvent } from '../../main/engine/timeline-events.ts';
import type { Party } from '../../main/turns/turn-events.ts';
import { percentile } from '../../bench/stats.ts';

export interface Segment {
  party: Party;
  startMs: number;
  endMs: number;
}

/** The speech segments the engine found, per party, from a call's timeline events. */
export function segmentsOf(events: readonly TimelineEvent[]): Segment[] {
  return events.flatMap((e) => (e.type === 'turn' && e.event.type === 'speech-end'
    ? [{ party: e.event.party, startMs: e.event.startMs, endMs: e.event.endMs }]
    : []));
}

/**
 * A truth boundary counts when the same party was silent for `isolationMs` on its outer side
 * (a line start after a pause, a line end before one): where two lines of one speaker follow each
 * other closely, the VAD rightly hears one stretch and there is no boundary to compare.
 */
export const ISOLATION_MS = 1000;
/** A detected boundary further than this from the truth is a miss, not an error figure. */
export const MATCH_MS = 500;

export interface BoundaryErrors {
  /** Detected minus true onset, ms, one per matched clean onset. */
  onsetMs: number[];
  offsetMs: number[];
  /** Clean truth boundaries with no detected boundary within MATCH_MS. */
  missed: number;
}

function nearest(value: number, candidates: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const c of candidates) if (best === undefined || Math.abs(c - value) < Math.abs(best - value)) best = c;
  return best;
}

export function boundaryErrors(truth: CallTruth, segments: readonly Segment[]): BoundaryErrors {
  const out: BoundaryErrors = { onsetMs: [], offsetMs: [], missed: 0 };
  for (const party of ['agent', 'customer'] as const) {
    const lines = truth.lines.filter((l) => l.who === party);
    const found = segments.filter((s) => s.party === party);
    const compare = (truthMs: number, detected: readonly number[], into: number[]) => {
      const d = nearest(truthMs, detected);
      if (d === undefined || Math.abs(d - truthMs) > MATCH_MS) out.missed++;
      else into.push(d - truthMs);
    };
    lines.forEach((line, i) => {
      const others = lines.filter((_, j) => j !== i);
      if (others.every((o) => o.endMs <= line.startMs - ISOLATION_MS || o.startMs >= line.startMs)) {
        compare(line.startMs, found.map((s) => s.startMs), out.onsetMs);
      }
      if (others.every((o) => o.startMs >= line.endMs + ISOLATION_MS || o.endMs <= line.endMs)) {
        compare(line.endMs, found.map((s) => s.endMs), out.offsetMs);
      }
    });
  }
  return out;
}

export function mergeBoundaryErrors(all: readonly BoundaryErrors[]): BoundaryErrors {
  return { onsetMs: all.flatMap((b) => b.onsetMs), offsetMs: all.flatMap((b) => b.offsetMs), missed: all.reduce((n, b) => n + b.missed, 0) };
}

/** Median and 95th percentile of |error|, ms. */
export function absErrorStats(errorsMs: readonly number[]): { median: number; p95: number } {
  const abs = errorsMs.map(Math.abs);
  return { median: percentile(abs, 50), p95: percentile(abs, 95) };
}

/** Within this of the agent's true start, an interruption flag counts as found. */
export const FOUND_WITHIN_MS = 700;

export interface InterruptionScore {
  interruptions: number;
  found: number;
  /** Interruption flags that match no scripted interruption. */
  falseFlags: Finding[];
  missedLines: TruthLine[];
}

export function scoreInterruptions(truth: CallTruth, findings: readonly Finding[]): InterruptionScore {
  const flags = findings.filter((f) => f.behaviour === 'onderbreken' && f.source === 'timing');
  const lines = truth.lines.filter((l) => l.label === 'interruption');
  const used = new Set<Finding>();
  const missedLines: TruthLine[] = [];
  for (const line of lines) {
    const hit = flags.find((f) => !used.has(f) && Math.abs(f.rangeMs.startMs - line.startMs) <= FOUND_WITHIN_MS);
    if (hit) used.add(hit);
    else missedLines.push(line);
  }
  return { interruptions: lines.length, found: lines.length - missedLines.length, falseFlags: flags.filter((f) => !used.has(f)), missedLines };
}
