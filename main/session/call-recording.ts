// Records one live call into the call store through the store's recorder: the call (start, end,
// agent, talk share), the agent's judged utterances as text, who spoke when (turn segments, timing
// only), and every finding with whether the coach showed its tip and whether the agent
// acknowledged it ("begrepen").
//
// A finding is written once its fate is known: shown (the coach put it on screen) or not (the cue
// policy dropped it: cooldown, stale, disabled, superseded, snoozed), and at the end of the call
// for findings still waiting. That keeps `shown` true to what the agent saw without a second
// write; the cost is that a crash loses at most the few seconds a finding waits in the coach.
//
// Privacy (DESIGN.md): only text reaches the store, never audio, and only the agent's words: the
// utterances come from the agent's transcript track or the agent channel's recogniser.
// A store that fails (disk full, file removed) must not stop the coaching: each failure is
// reported through `log` and the call goes on.
import type { CueEvent } from '../coach/cue-policy.ts';
import type { Finding } from '../contracts/finding.ts';
import type { TurnSegment } from '../contracts/turn-segments.ts';
import type { CallSummary } from '../contracts/protocol.ts';
import type { Utterance } from '../engine/call-timeline.ts';
import type { CallRecorder } from '../store/call-recorder.ts';
import type { LiveCallObserver } from './live-call.ts';

export interface CallRecordingOptions {
  recorder: CallRecorder;
  callId: string;
  agentId: string;
  log: (line: string) => void;
}

export class CallRecording implements LiveCallObserver {
  private readonly recorder: CallRecorder;
  private readonly callId: string;
  private readonly log: (line: string) => void;
  /** Offered to the coach, fate not yet known (same objects the coach hands back). */
  private readonly waiting = new Set<Finding>();
  /** Shown tips by cue id, so an acknowledgement finds its stored finding. */
  private readonly findingIdByCue = new Map<string, number>();
  private started = false;

  constructor(options: CallRecordingOptions) {
    this.recorder = options.recorder;
    this.callId = options.callId;
    this.log = options.log;
    this.started = this.attempt('start the call', () => {
      this.recorder.startCall({ callId: options.callId, agentId: options.agentId });
      return true;
    }) ?? false;
  }

  utterance(u: Utterance): void {
    if (!this.started || !u.text.trim()) return;
    this.attempt('record an utterance', () => this.recorder.recordUtterance(this.callId, { startMs: u.startMs, endMs: u.endMs, text: u.text }));
  }

  finding(finding: Finding): void {
    if (this.started) this.waiting.add(finding);
  }

  segment(segment: TurnSegment): void {
    if (this.started) this.attempt('record who spoke when', () => this.recorder.recordTurnSegment(this.callId, segment));
  }

  cue(event: CueEvent): void {
    if (!this.started) return;
    if (event.type === 'show') {
      const id = this.write(event.cue.finding, true);
      if (id !== undefined) this.findingIdByCue.set(event.cue.id, id);
    } else if (event.type === 'drop') {
      this.write(event.finding, false);
    } else if (event.reason === 'acknowledged') {
      const id = this.findingIdByCue.get(event.cueId);
      if (id !== undefined) this.attempt('mark a tip acknowledged', () => this.recorder.markAcknowledged(id));
    }
    // Once cleared (expired, replaced, snoozed) a tip can no longer be acknowledged.
    if (event.type === 'clear') this.findingIdByCue.delete(event.cueId);
  }

  ended(summary: CallSummary): void {
    if (!this.started) return;
    for (const finding of [...this.waiting]) this.write(finding, false);
    this.attempt('end the call', () => this.recorder.endCall(this.callId, summary.agentTalkShare === null ? {} : { agentTalkShare: summary.agentTalkShare }));
  }

  private write(finding: Finding, shown: boolean): number | undefined {
    // Only findings this call offered, once: the coach hands back the objects it was given.
    if (!this.waiting.delete(finding)) return undefined;
    return this.attempt(`record finding ${finding.ruleId}`, () => this.recorder.recordFinding(this.callId, finding, { shown }));
  }

  private attempt<T>(what: string, write: () => T): T | undefined {
    try {
      return write();
    } catch (err) {
      this.log(`call store: could not ${what} for ${this.callId}: ${(err as Error).message}`);
      return undefined;
    }
  }
}
