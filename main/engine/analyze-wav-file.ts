// The audio path of `klachtcoach analyze`: a WAV call (mono = agent only, stereo = agent left,
// customer right) through the call timeline, optionally with a known transcript of the agent so
// phrase rules join the same timeline, optionally fed at 1x speed (--realtime) to exercise and
// measure the live path. With --json: one Finding per line with `shown`, as for transcripts;
// --turns adds the turn events and the call summary as JSON lines of their own ({"turn": ...},
// {"summary": ...}). `shown` is the coach's replayed choice; with --realtime it is the choice of
// a live coach on the wall clock, and each finding is printed once its fate is known.
import type { Finding } from '../contracts/finding.ts';
import { readCallWav } from '../audio/call-audio.ts';
import { WavError } from '../audio/wav-format.ts';
import { VadModelError } from '../vad/silero-v5.ts';
import { createCallContext, type RuleEngine } from '../rules/engine.ts';
import { formatNote, InputFileError } from '../rules/jsonl-file.ts';
import { readTranscript } from '../rules/transcript.ts';
import { isTimingRuleRuntime } from '../turns/timing-detector.ts';
import { UserError } from '../cli/user-error.ts';
import { analyzeCall } from './analyze-call.ts';
import type { CoachConfig } from '../coach/coach-config.ts';
import { Coach } from '../coach/coach.ts';
import { callClock } from '../coach/clock.ts';
import { replayCoach } from '../coach/replay.ts';
import { recogniseAgentTrack } from '../asr/recognise-call.ts';
import type { Utterance } from './call-timeline.ts';
import type { CallSummary, TimelineEvent } from './timeline-events.ts';

export interface AnalyzeWavOptions {
  engine: RuleEngine;
  /** The live coach whose choices `shown` reports. */
  coachConfig: CoachConfig;
  json: boolean;
  turns: boolean;
  realtime: boolean;
  swapChannels: boolean;
  transcript?: string;
  /** Speech model for the agent's words (--model); default: the first installed one. --transcript wins. */
  model?: string;
  /** One finding as printed (JSON or readable), shared with the transcript path. */
  findingLine: (finding: Finding, shown: boolean, json: boolean) => string;
  /** The closing counts of a readable report, shared with the transcript path. */
  countsLine: (findings: readonly Finding[], shown: ReadonlySet<Finding>) => string;
}

/** Reads an agent transcript (.jsonl), printing line problems; a file that cannot be read is a UserError. */
export function loadTranscriptFile(file: string): Utterance[] {
  try {
    const read = readTranscript(file);
    for (const note of read.notes) console.error(formatNote(file, note));
    return read.items.map((i) => i.value);
  } catch (err) {
    if (err instanceof InputFileError) throw new UserError(err.message);
    throw err;
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function share(summary: CallSummary): string {
  return summary.agentShare === undefined ? 'no speech' : `${Math.round(summary.agentShare * 100)} % agent`;
}

export async function analyzeWavFile(file: string, opts: AnalyzeWavOptions): Promise<number> {
  const timingRules = opts.engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime);
  const ctx = createCallContext();
  let transcript = opts.transcript ? loadTranscriptFile(opts.transcript) : undefined;
  let call;
  try {
    call = await readCallWav(file, { swapChannels: opts.swapChannels });
  } catch (err) {
    if (err instanceof WavError) throw new UserError(err.message);
    throw err;
  }
  // No known transcript: recognise the agent's words locally when a speech model is installed.
  if (!transcript) {
    transcript = (await recogniseAgentTrack(call.agent, { ...(opts.model ? { model: opts.model } : {}), log: (l) => console.error(l) })) ?? undefined;
    if (!transcript && !opts.json) console.error('no speech model installed: only timing rules ran (install one with: npx klachtcoach models download whisper-base)');
  }
  const needCustomer = timingRules.filter((r) => r.needsCustomer).map((r) => r.header.id);
  if (!call.customer && !opts.json && needCustomer.length > 0) {
    console.error(`${file}: mono recording: only the agent is heard, so the rules that need the customer's timing are skipped: ${needCustomer.join(', ')}`);
  }
  const shown = new Set<Finding>();
  const print = (f: Finding) => console.log(opts.findingLine(f, shown.has(f), opts.json));
  // In realtime mode a live coach runs beside the call and each finding is printed once its fate
  // is known (shown, or dropped by the cue policy); otherwise all are printed at the end, in time order.
  const waiting = new Set<Finding>();
  const coach = opts.realtime ? new Coach(opts.coachConfig, callClock(), (event) => {
    const fated = event.type === 'show' ? event.cue.finding : event.type === 'drop' ? event.finding : undefined;
    if (!fated || !waiting.delete(fated)) return;
    if (event.type === 'show') shown.add(fated);
    print(fated);
  }) : null;
  const printLive = (event: TimelineEvent) => {
    if (event.type === 'finding' && coach) {
      waiting.add(event.finding);
      coach.offer(event.finding);
    }
    if (event.type === 'turn' && opts.turns && opts.json) console.log(JSON.stringify({ turn: event.event }));
  };
  let result;
  try {
    result = await analyzeCall(call, {
      timingRules,
      phraseRules: (u) => opts.engine.analyzeUtterance(u, ctx),
      ...(transcript ? { transcript } : {}),
      ...(opts.realtime ? { realtimeSpeed: 1 } : {}),
      onEvent: printLive,
    });
  } catch (err) {
    if (err instanceof VadModelError) throw new UserError(err.message);
    throw err;
  }
  if (coach) {
    coach.dispose();
    // Still waiting for the screen when the call ended: never shown.
    for (const f of waiting) print(f);
  } else {
    for (const f of replayCoach(opts.coachConfig, result.findings)) shown.add(f);
    result.findings.forEach(print);
  }
  const s = result.summary;
  if (opts.json) {
    if (opts.turns) console.log(JSON.stringify({ summary: s }));
  } else {
    console.log(`\n${(s.durationMs / 1000).toFixed(1)} s call: talk ${(s.talkMs.agent / 1000).toFixed(1)} s agent, ${(s.talkMs.customer / 1000).toFixed(1)} s customer (${share(s)}); `
      + `agent came in over the customer ${s.overlaps.agentIntoCustomer}x, customer over the agent ${s.overlaps.customerIntoAgent}x; `
      + opts.countsLine(result.findings, shown));
  }
  if (s.utterancesAfterEnd > 0) {
    console.error(`${file}: ${s.utterancesAfterEnd} transcript utterance(s) end after the audio does and were not analysed`);
  }
  if (opts.realtime && result.emitLatenciesMs.length > 0) {
    const l = result.emitLatenciesMs;
    console.error(`realtime: ${l.length} finding(s), frame-to-emit delay median ${percentile(l, 50).toFixed(1)} ms, p95 ${percentile(l, 95).toFixed(1)} ms, max ${Math.max(...l).toFixed(1)} ms`);
  }
  return 0;
}
