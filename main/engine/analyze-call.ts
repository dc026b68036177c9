// Runs a recorded call through a CallTimeline: either as fast as the VAD goes (`analyze`), or at
// wall-clock speed frame by frame (`analyze --realtime`), which exercises exactly the live path
// and measures how long each finding takes to leave after the audio frame that decided it.
import type { Finding } from '../contracts/finding.ts';
import type { CallAudio } from '../audio/call-audio.ts';
import { callFrames, FRAME_MS, FRAME_SAMPLES } from '../audio/frames.ts';
import { feedRealtime } from '../audio/realtime-feeder.ts';
import { loadSileroSession, SileroCallVad } from '../vad/silero-v5.ts';
import type { TimingRuleRuntime } from '../turns/timing-detector.ts';
import { CallTimeline, type CallTimelineOptions, type Utterance } from './call-timeline.ts';
import type { CallSummary, TimelineEvent } from './timeline-events.ts';

export interface AnalyzeCallOptions {
  timingRules?: readonly TimingRuleRuntime[];
  phraseRules?: (utterance: Utterance) => Finding[];
  transcript?: readonly Utterance[];
  /** Feed at this speed (1 = real time); omit to run as fast as possible. */
  realtimeSpeed?: number;
  /** Called for each event as it is emitted (e.g. to print JSON lines live). */
  onEvent?: (event: TimelineEvent, emitLatencyMs: number | undefined) => void;
  /** Inject the VAD (tests); default: Silero v5, both channels in one batch. */
  vad?: CallTimelineOptions['vad'];
  segmenter?: CallTimelineOptions['segmenter'];
  gate?: CallTimelineOptions['gate'];
  signal?: AbortSignal;
}

export interface AnalyzeCallResult {
  events: TimelineEvent[];
  findings: Finding[];
  summary: CallSummary;
  /** Realtime mode only: ms from the moment the deciding frame's audio was complete to each finding leaving. */
  emitLatenciesMs: number[];
  /** Realtime mode only: the same for every turn event (speech start/end, overlap, gap). */
  turnLatenciesMs: number[];
}

export async function sileroCallVad(stereo: boolean): Promise<SileroCallVad> {
  return new SileroCallVad(await loadSileroSession(), stereo);
}

export async function analyzeCall(call: CallAudio, options: AnalyzeCallOptions = {}): Promise<AnalyzeCallResult> {
  const vad = options.vad ?? (await sileroCallVad(call.customer !== undefined));
  const timeline = new CallTimeline({
    vad,
    ...(options.timingRules ? { timingRules: options.timingRules } : {}),
    ...(options.phraseRules ? { phraseRules: options.phraseRules } : {}),
    ...(options.segmenter ? { segmenter: options.segmenter } : {}),
    ...(options.gate ? { gate: options.gate } : {}),
  });
  if (options.transcript) timeline.scheduleUtterances(options.transcript);
  const events: TimelineEvent[] = [];
  const emitLatenciesMs: number[] = [];
  const turnLatenciesMs: number[] = [];
  const frameCount = Math.ceil(call.agent.length / FRAME_SAMPLES);
  /** Realtime mode: wall-clock time at which the call's audio started "arriving". */
  let feedStartMs: number | undefined;

  timeline.on((event) => {
    events.push(event);
    let latency: number | undefined;
    const decidedAtMs = event.type === 'finding' ? event.finding.atMs : event.type === 'turn' ? event.event.atMs : undefined;
    if (decidedAtMs !== undefined && feedStartMs !== undefined) {
      // The deciding frame is the one whose end is the event's atMs (or the first after it). Its
      // audio was complete at feed start + its end time: measuring from there (not from when the
      // feeder got round to handing it over) also counts any backlog in front of it.
      const frame = Math.min(frameCount - 1, Math.max(0, Math.ceil(decidedAtMs / FRAME_MS) - 1));
      latency = performance.now() - (feedStartMs + ((frame + 1) * FRAME_MS) / options.realtimeSpeed!);
      (event.type === 'finding' ? emitLatenciesMs : turnLatenciesMs).push(latency);
    }
    options.onEvent?.(event, latency);
  });

  if (options.realtimeSpeed !== undefined) {
    feedStartMs = performance.now();
    await feedRealtime(call, (frame) => timeline.pushFrames(frame.agent, frame.customer), {
      speed: options.realtimeSpeed, ...(options.signal ? { signal: options.signal } : {}),
    });
  } else {
    for (const frame of callFrames(call)) {
      if (options.signal?.aborted) break;
      await timeline.pushFrames(frame.agent, frame.customer);
    }
  }
  const summary = await timeline.end();
  const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
  // One timeline: findings from words and from timing, ordered by when they were decided.
  findings.sort((a, b) => a.atMs - b.atMs);
  return { events, findings, summary, emitLatenciesMs, turnLatenciesMs };
}
