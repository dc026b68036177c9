// One live call, wired end to end: audio frames → engine (CallTimeline) → coach (cue policy) →
// session server (overlay, tablet). Acks from any device go back to the coach; "pause" from the
// desktop stops analysis: frames are replaced by silence (the call clock keeps running, nothing
// the agent says while paused is looked at) and transcript utterances in a paused stretch are
// skipped. With a speech recogniser, the agent's frames (never the customer's) and the VAD's
// agent speech events drive LiveAgentSpeech, and each recognised utterance is judged by the
// phrase rules in the same timeline as the timing findings.
import type { Finding } from '../contracts/finding.ts';
import type { CallSummary as SessionCallSummary, Tip } from '../contracts/protocol.ts';
import { Coach } from '../coach/coach.ts';
import { callClock, type Clock } from '../coach/clock.ts';
import type { CoachConfig } from '../coach/coach-config.ts';
import type { CueEvent } from '../coach/cue-policy.ts';
import { CallTimeline, type CallTimelineOptions, type Utterance } from '../engine/call-timeline.ts';
import { LiveAgentSpeech } from '../asr/live-agent-speech.ts';
import type { SpeechRecogniser } from '../asr/transcript.ts';
import type { TimingRuleRuntime } from '../turns/timing-detector.ts';
import type { SessionServer } from './server.ts';
import { tipFromFinding } from './tips.ts';
import { BehaviourTally } from './behaviour-tally.ts';
import { compactTurns, type TurnSegment } from '../contracts/turn-segments.ts';

export interface LiveCallOptions {
  callId: string;
  server: SessionServer;
  vad: CallTimelineOptions['vad'];
  coachConfig: CoachConfig;
  timingRules?: readonly TimingRuleRuntime[];
  phraseRules?: (utterance: Utterance) => Finding[];
  /** A known transcript of the agent (demo, replay): judged as the audio reaches each utterance. */
  transcript?: readonly Utterance[];
  clock?: Clock;
  /** Every finding, before the coach picks tips (for the call store or a log). */
  onFinding?: (finding: Finding) => void;
  /** Recognises the agent's live speech (no known transcript): utterances cut by the VAD. */
  speech?: SpeechRecogniser;
  /** Watches the call for the call store: utterances judged, the coach's decisions, the end. */
  observer?: LiveCallObserver;
  /** Problems that do not stop the call (an utterance the recogniser failed on). */
  log?: (line: string) => void;
}

/** What a recorder sees of a call. Called synchronously; an observer must not throw. */
export interface LiveCallObserver {
  /** An agent utterance the phrase rules judged (transcript or recognised; never a paused one). */
  utterance(utterance: Utterance): void;
  finding(finding: Finding): void;
  /** One party's stretch of speech ended: who spoke when, timing only. */
  segment(segment: TurnSegment): void;
  /** The coach's decisions: a tip shown, cleared (acknowledged, expired…) or a finding dropped. */
  cue(event: CueEvent): void;
  /** After the last finding and cue event. */
  ended(summary: SessionCallSummary): void;
}

export class LiveCall {
  private readonly timeline: CallTimeline;
  private readonly coach: Coach;
  private readonly shownTips: Tip[] = [];
  private readonly tally = new BehaviourTally();
  private readonly turns: TurnSegment[] = [];
  private readonly pausedRanges: { startMs: number; endMs: number }[] = [];
  private pausedSinceMs: number | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly speech: LiveAgentSpeech | null = null;
  private ended = false;
  private coachDisposed = false;

  constructor(private readonly options: LiveCallOptions) {
    const { server, observer } = options;
    const phraseRules = options.phraseRules;
    this.timeline = new CallTimeline({
      vad: options.vad,
      ...(options.timingRules ? { timingRules: options.timingRules } : {}),
      phraseRules: (u: Utterance) => {
        if (this.wasPaused(u)) return [];
        observer?.utterance(u);
        return phraseRules ? phraseRules(u) : [];
      },
    });
    if (options.transcript) this.timeline.scheduleUtterances(options.transcript);
    else if (options.speech) {
      // The recognised text is judged when it is ready, at its own end time in the call.
      this.speech = new LiveAgentSpeech(options.speech, {
        onUtterance: (u) => {
          if (!this.coachDisposed) this.timeline.pushUtterance({ startMs: u.startMs, endMs: u.endMs, text: u.text, words: u.words });
        },
        onError: (err, u) => options.log?.(`speech: utterance ${(u.startMs / 1000).toFixed(1)}-${(u.endMs / 1000).toFixed(1)} s not recognised: ${(err as Error).message}`),
      });
    }
    this.coach = new Coach(options.coachConfig, options.clock ?? callClock(), (event) => {
      if (event.type === 'show') {
        const tip = tipFromFinding(event.cue.finding, event.cue.id);
        this.shownTips.push(tip);
        server.showTip(tip);
      } else if (event.type === 'clear') {
        server.clearTip(event.cueId, event.reason === 'acknowledged' ? 'ack' : 'dismiss');
      }
      // After the devices have it: a store commit (an fsync) must not delay the tip.
      observer?.cue(event);
    });
    this.timeline.on((event) => {
      if (event.type === 'finding') {
        // Nothing the agent does while paused is looked at: not the words, not the silence.
        if (this.wasPaused(event.finding.rangeMs)) return;
        options.onFinding?.(event.finding);
        observer?.finding(event.finding);
        this.tally.add(event.finding);
        this.coach.offer(event.finding);
      } else if (event.type === 'turn') {
        const turn = event.event;
        if ((turn.type === 'speech-start' || turn.type === 'speech-end') && turn.party === 'agent') this.speech?.onSpeech(turn);
        if (turn.type === 'speech-end') {
          const segment = { party: turn.party, startMs: turn.startMs, endMs: turn.endMs };
          this.turns.push(segment);
          observer?.segment(segment);
        }
      } else if (event.type === 'state') {
        server.setLiveState({
          callId: options.callId,
          callMs: event.atMs,
          capture: this.paused ? 'paused' : 'on',
          speaking: { agent: event.state.talking.agent, customer: event.state.talking.customer },
          agentTalkShare: event.state.agentShare ?? null,
        });
      }
    });
    this.unsubscribe.push(
      server.on('tip:ack', ({ tipId }) => this.coach.acknowledge(tipId)),
      server.on('tip:dismiss', () => this.coach.snooze()),
      server.on('capture:set', ({ capture }) => this.setPaused(capture === 'paused')),
    );
    server.startCall(options.callId);
    server.setLiveState({ callId: options.callId, callMs: 0, capture: 'on', speaking: { agent: false, customer: false }, agentTalkShare: null });
  }

  get paused(): boolean {
    return this.pausedSinceMs !== null;
  }

  get clockMs(): number {
    return this.timeline.clockMs;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    if (paused) this.pausedSinceMs = this.timeline.clockMs;
    else {
      this.pausedRanges.push({ startMs: this.pausedSinceMs!, endMs: this.timeline.clockMs });
      this.pausedSinceMs = null;
    }
    this.options.server.setCapture(paused ? 'paused' : 'on');
  }

  /** 16 kHz samples, any length; for a stereo call both channels the same length. */
  pushFrames(agent: Float32Array, customer?: Float32Array): Promise<void> {
    if (this.paused) {
      // Keep the call clock running on silence; the captured audio is not looked at.
      const silentAgent = new Float32Array(agent.length);
      this.speech?.pushAgent(silentAgent);
      return this.timeline.pushFrames(silentAgent, customer ? new Float32Array(customer.length) : undefined);
    }
    // Only the agent's samples reach speech recognition; the customer channel is timing only.
    this.speech?.pushAgent(agent);
    return this.timeline.pushFrames(agent, customer);
  }

  /** Ends the call: last findings, the summary to every device, listeners released. */
  async end(): Promise<SessionCallSummary> {
    if (this.ended) throw new Error(`call ${this.options.callId} already ended`);
    this.ended = true;
    const summary = await this.timeline.end();
    // The last utterance's words still count: wait for the recogniser before the coach stops.
    await this.speech?.drain();
    this.coachDisposed = true;
    this.coach.dispose();
    for (const off of this.unsubscribe) off();
    const result: SessionCallSummary = {
      callId: this.options.callId,
      durationMs: summary.durationMs,
      agentTalkShare: summary.agentShare ?? null,
      tips: this.shownTips.slice(-500),
      observed: this.tally.list(),
      turns: compactTurns(this.turns),
    };
    this.options.server.endCall(result);
    this.options.observer?.ended(result);
    return result;
  }

  /** Whether a stretch of the call (an utterance, a finding's range) touches a paused stretch. */
  private wasPaused(u: { startMs: number; endMs: number }): boolean {
    const ranges = this.pausedSinceMs === null ? this.pausedRanges : [...this.pausedRanges, { startMs: this.pausedSinceMs, endMs: Infinity }];
    return ranges.some((r) => u.startMs < r.endMs && u.endMs > r.startMs);
  }
}
