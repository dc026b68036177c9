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
  /** Realtime mode only: ms from the deciding frame's arrival to each finding leaving. */
  emitLatenciesMs: number[];
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
  let deliveredAtMs: Float64Array | undefined;
  const frameCount = Math.ceil(call.agent.length / FRAME_SAMPLES);
  if (options.realtimeSpeed !== undefined) deliveredAtMs = new Float64Array(frameCount);

  timeline.on((event) => {
    events.push(event);
    let latency: number | undefined;
    if (event.type === 'finding' && deliveredAtMs) {
      // The deciding frame is the one whose end is the finding's atMs (or first after it).
      const frame = Math.min(frameCount - 1, Math.max(0, Math.ceil(event.finding.atMs / FRAME_MS) - 1));
      const arrived = deliveredAtMs[frame] ?? 0;
      if (arrived > 0) {
        latency = performance.now() - arrived;
        emitLatenciesMs.push(latency);
      }
    }
    options.onEvent?.(event, latency);
  });

  if (options.realtimeSpeed !== undefined) {
    const delivered = deliveredAtMs!;
    await feedRealtime(call, (frame) => {
      delivered[frame.index] = performance.now();
      return timeline.pushFrames(frame.agent, frame.customer);
    }, { speed: options.realtimeSpeed, ...(options.signal ? { signal: options.signal } : {}) });
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
  return { events, findings, summary, emitLatenciesMs };
}
