// One call, from audio frames to findings: frames -> VAD per channel -> crosstalk/noise gate ->
// speech segments -> turn tracker -> timing rules, plus agent utterances -> phrase rules, all sent
// out as one stream of TimelineEvents. The same object serves a WAV file (frames pushed as fast as
// the VAD runs), a WAV at 1x speed (--realtime) and live capture (the session server pushes what
// the capture page sends): `pushFrames(agent, customer?)`, `on(listener)`, `end()`.
import type { Finding } from '../contracts/finding.ts';
import type { Utterance } from '../rules/engine.ts';
import { FRAME_MS, FrameChunker } from '../audio/frames.ts';
import type { CallVad } from '../vad/vad-model.ts';
import { SpeechSegmenter, type SegmenterOptions, type SegmentEvent } from '../vad/speech-segmenter.ts';
import { ChannelGate, rmsDb, type GateOptions } from '../turns/channel-gate.ts';
import { TurnTracker } from '../turns/turn-tracker.ts';
import { BoundaryRefiner } from '../turns/boundary-refiner.ts';
import type { Party, TalkState } from '../turns/turn-events.ts';
import { TimingRuleRunner, type TimedWord, type TimingEvent, type TimingRuleRuntime } from '../turns/timing-detector.ts';
import type { CallSummary, TimelineEvent } from './timeline-events.ts';

/**
 * An agent utterance with its times (ASR output or a known transcript), as the rule engine takes
 * it, with the recogniser's word timestamps where there are any (for the timing rules that weigh
 * words and time together: pace, dead air).
 */
export type TimedUtterance = Utterance & { words?: readonly TimedWord[] };
export type { Utterance };

export interface CallTimelineOptions {
  /** Scores both channels (its `stereo` decides whether the call has a customer channel). */
  vad: CallVad;
  timingRules?: readonly TimingRuleRuntime[];
  /** Phrase rules for one agent utterance, with the call's own context (history). */
  phraseRules?: (utterance: Utterance) => Finding[];
  segmenter?: Partial<SegmenterOptions>;
  gate?: Partial<GateOptions>;
  stateEveryMs?: number;
}

/** How far past the end of the audio a transcript utterance may end and still be judged. */
const TRANSCRIPT_END_TOLERANCE_MS = 1000;

export class CallTimeline {
  private readonly listeners = new Set<(event: TimelineEvent) => void>();
  private readonly agentChunks = new FrameChunker();
  private readonly customerChunks = new FrameChunker();
  private readonly segmenters: Record<Party, SpeechSegmenter>;
  private readonly gate: ChannelGate;
  private readonly refiner: BoundaryRefiner;
  private readonly tracker: TurnTracker;
  private readonly runners: TimingRuleRunner[];
  private readonly stereo: boolean;
  private readonly stateEveryMs: number;
  /** Utterances waiting for the audio to reach their end (transcript replay). */
  private scheduled: TimedUtterance[] = [];
  private utterancesAfterEnd = 0;
  private queue: Promise<void> = Promise.resolve();
  private frames = 0;
  private lastState: TalkState | undefined;
  private lastStateAtMs = -Infinity;
  private findingCount = 0;
  private overlaps = { agentIntoCustomer: 0, customerIntoAgent: 0 };
  private ended = false;

  constructor(private readonly options: CallTimelineOptions) {
    this.stereo = options.vad.stereo;
    this.segmenters = { agent: new SpeechSegmenter(options.segmenter), customer: new SpeechSegmenter(options.segmenter) };
    this.gate = new ChannelGate(options.gate);
    this.refiner = new BoundaryRefiner(this.stereo);
    // Still speaking after the other stopped: a sound at least 64 ms later, up to the latest frame.
    this.tracker = new TurnTracker({ stillSpeaking: (party, afterMs) => this.refiner.soundsBetween(party, afterMs + 64, this.clockMs) });
    this.stateEveryMs = options.stateEveryMs ?? 1000;
    // A rule that judges the customer's speech cannot run without the customer's channel.
    this.runners = (options.timingRules ?? []).filter((r) => this.stereo || !r.needsCustomer).map((r) => new TimingRuleRunner(r));
  }

  on(listener: (event: TimelineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** ms of audio processed so far. */
  get clockMs(): number {
    return this.frames * FRAME_MS;
  }

  /**
   * Feeds 16 kHz mono samples of any length; whole 32-ms frames are processed in order. Calls
   * may overlap (a capture callback need not await): they are queued. For a stereo call both
   * arrays must have the same length.
   */
  pushFrames(agent: Float32Array, customer?: Float32Array): Promise<void> {
    if (this.ended) return Promise.reject(new Error('pushFrames after end(): the call is over'));
    if (this.stereo && (!customer || customer.length !== agent.length)) {
      return Promise.reject(new RangeError(`stereo call: customer block has ${customer?.length ?? 'no'} samples, agent block ${agent.length}`));
    }
    const agentFrames = this.agentChunks.push(agent);
    const customerFrames = this.stereo && customer ? this.customerChunks.push(customer) : [];
    return this.enqueue(async () => {
      for (let i = 0; i < agentFrames.length; i++) await this.processFrame(agentFrames[i]!, customerFrames[i]);
    });
  }

  /**
   * A recognised agent utterance (live ASR): judged at once by the phrase rules (at atMs = its
   * end) and handed to the timing rules with its words, at the call's current time.
   */
  pushUtterance(utterance: TimedUtterance): void {
    this.emitFindings(this.options.phraseRules?.(utterance) ?? []);
    const { startMs, endMs, text, words } = utterance;
    this.route([{ type: 'utterance', startMs, endMs, text, ...(words ? { words } : {}), atMs: Math.max(endMs, this.clockMs) }]);
  }

  /** A known transcript: each utterance is judged when the audio reaches its end, keeping one time order. */
  scheduleUtterances(utterances: readonly TimedUtterance[]): void {
    this.scheduled = [...this.scheduled, ...utterances].sort((a, b) => a.endMs - b.endMs);
  }

  /** Flushes the last partial frame and open speech; returns the call summary. */
  end(): Promise<CallSummary> {
    return this.enqueue(async () => {
      if (this.ended) return;
      const agentTail = this.agentChunks.flush();
      const customerTail = this.customerChunks.flush();
      if (agentTail) await this.processFrame(agentTail, this.stereo ? (customerTail ?? new Float32Array(agentTail.length)) : undefined);
      this.ended = true;
      const atMs = this.clockMs;
      for (const party of ['agent', 'customer'] as const) {
        this.applySegments(party, this.segmenters[party].end().map((e) => ({ ...e, atMs })));
      }
      this.route([this.tracker.tick(atMs)]);
      // A transcript's last line may end a little after the audio (rounding, a trimmed file);
      // anything later was never reached, e.g. a replay stopped halfway.
      this.releaseUtterances(atMs + TRANSCRIPT_END_TOLERANCE_MS);
      this.utterancesAfterEnd = this.scheduled.length;
      this.scheduled = [];
      this.emitState(atMs, this.tracker.state(atMs), true);
    }).then(() => this.summary());
  }

  summary(): CallSummary {
    const state = this.tracker.state(this.clockMs);
    return {
      durationMs: this.clockMs,
      talkMs: state.talkMs,
      agentShare: state.agentShare,
      overlaps: { ...this.overlaps },
      findings: this.findingCount,
      utterancesAfterEnd: this.utterancesAfterEnd,
    };
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    // A failed frame must not wedge every later push; the caller of that push sees the error.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async processFrame(agent: Float32Array, customer: Float32Array | undefined): Promise<void> {
    const [agentP, customerP] = await this.options.vad.probabilities(agent, this.stereo ? customer : undefined);
    const [gatedAgent, gatedCustomer] = this.gate.gate(
      { probability: agentP, levelDb: rmsDb(agent) },
      customer && customerP !== undefined ? { probability: customerP, levelDb: rmsDb(customer) } : undefined,
    );
    this.refiner.push(agent, this.stereo ? customer : undefined, this.gate.floorsDb());
    this.frames++;
    const atMs = this.clockMs;
    this.applySegments('agent', this.segmenters.agent.push(gatedAgent));
    if (gatedCustomer !== undefined) this.applySegments('customer', this.segmenters.customer.push(gatedCustomer));
    const tick = this.tracker.tick(atMs);
    this.route([tick]);
    this.releaseUtterances(atMs);
    if (tick.type === 'tick') this.emitState(atMs, tick.state, false);
  }

  private applySegments(party: Party, events: SegmentEvent[]): void {
    // The VAD decides that speech started or stopped; the refiner places it at the sound.
    for (const e of events) this.route(this.tracker.apply(party, this.refiner.refine(party, e)));
  }

  private route(events: TimingEvent[]): void {
    for (const event of events) {
      if (event.type !== 'tick' && event.type !== 'utterance') {
        if (event.type === 'overlap') {
          if (event.intruder === 'agent') this.overlaps.agentIntoCustomer++;
          else this.overlaps.customerIntoAgent++;
        }
        this.emit({ type: 'turn', event });
      }
      for (const runner of this.runners) this.emitFindings(runner.onEvent(event));
    }
  }

  private releaseUtterances(upToMs: number): void {
    while (this.scheduled.length > 0 && this.scheduled[0]!.endMs <= upToMs) {
      this.pushUtterance(this.scheduled.shift()!);
    }
  }

  private emitState(atMs: number, state: TalkState, force: boolean): void {
    const changed = !this.lastState
      || this.lastState.talking.agent !== state.talking.agent
      || this.lastState.talking.customer !== state.talking.customer;
    if (!force && !changed && atMs - this.lastStateAtMs < this.stateEveryMs) return;
    this.lastState = state;
    this.lastStateAtMs = atMs;
    this.emit({ type: 'state', atMs, state });
  }

  private emitFindings(findings: Finding[]): void {
    for (const finding of findings) {
      this.findingCount++;
      this.emit({ type: 'finding', finding });
    }
  }

  private emit(event: TimelineEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
