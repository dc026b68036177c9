// Where a live call's audio comes from: a recorded call played at wall-clock speed (demo,
// `serve --wav`), or the capture page's frames arriving over the desktop socket (`serve`).
import { randomUUID } from 'node:crypto';
import { readCallWav } from '../audio/call-audio.ts';
import { FRAME_SAMPLES } from '../audio/frames.ts';
import { feedRealtime } from '../audio/realtime-feeder.ts';
import type { AudioFrame } from '../contracts/protocol.ts';
import type { Utterance } from '../engine/call-timeline.ts';
import type { CallSummary } from '../contracts/protocol.ts';
import { LiveCall, type LiveCallOptions } from './live-call.ts';
import type { SessionServer } from './server.ts';

/** What every call needs; the factories give each call its own VAD state and rule context. */
export type CallSetup = Omit<LiveCallOptions, 'callId' | 'server' | 'vad' | 'transcript' | 'phraseRules' | 'observer'> & {
  vad: (stereo: boolean) => Promise<LiveCallOptions['vad']>;
  phraseRulesForCall?: () => NonNullable<LiveCallOptions['phraseRules']>;
  /** A watcher per call, e.g. its recording in the call store. */
  observerForCall?: (callId: string) => NonNullable<LiveCallOptions['observer']>;
};

function callOptions(setup: CallSetup, callId: string): Omit<LiveCallOptions, 'server' | 'vad'> {
  const { vad: _vad, phraseRulesForCall, observerForCall, ...rest } = setup;
  return {
    ...rest, callId,
    ...(phraseRulesForCall ? { phraseRules: phraseRulesForCall() } : {}),
    ...(observerForCall ? { observer: observerForCall(callId) } : {}),
  };
}

/**
 * A random id (UUIDv4) for a new call. Not made from the time: two desktops starting a call in the
 * same millisecond must not collide on the team server, and nobody can claim an id in advance.
 */
export function newCallId(): string {
  return randomUUID();
}

/** Plays a WAV call in real time through a LiveCall; resolves with the summary when it ends. */
export async function playRecordedCall(
  server: SessionServer, wavPath: string, transcript: readonly Utterance[] | undefined, setup: CallSetup,
  options: { speed?: number; signal?: AbortSignal; onStart?: (call: LiveCall) => void } = {},
): Promise<CallSummary> {
  const audio = await readCallWav(wavPath);
  const vad = await setup.vad(audio.customer !== undefined);
  const call = new LiveCall({ ...callOptions(setup, newCallId()), vad, server, ...(transcript ? { transcript } : {}) });
  options.onStart?.(call);
  await feedRealtime(audio, (frame) => call.pushFrames(frame.agent, frame.customer), {
    speed: options.speed ?? 1, ...(options.signal ? { signal: options.signal } : {}),
  });
  return call.end();
}

/**
 * Turns capture-page frames into calls: the first frame starts a call, a few seconds without
 * frames end it (but not while capture is paused). Agent frames drive the clock; the customer frame with the same sequence number
 * joins it, or silence if it did not arrive (a mono capture is a call with a silent customer).
 */
export class CapturedCalls {
  private call: LiveCall | null = null;
  private starting: Promise<LiveCall> | null = null;
  private readonly customerBySeq = new Map<number, Float32Array>();
  private idleTimer: NodeJS.Timeout | null = null;
  private paused = false;
  private readonly off: () => void;

  constructor(
    private readonly server: SessionServer,
    private readonly setup: CallSetup,
    private readonly idleEndMs = 3_000,
    private readonly onEnded: (summary: CallSummary) => void = () => {},
  ) {
    // A frame the engine cannot take (e.g. the VAD model failed) is reported, never a crash.
    const offFrames = server.on('audio:frame', (frame) => {
      this.onFrame(frame).catch((err: unknown) => console.error(`capture: frame ${frame.seq} (${frame.channel}) dropped: ${(err as Error).message}`));
    });
    // A pause stops the frames on purpose (the desktop app even closes its capture window): that
    // is the same call going on, not its end, so the idle timer waits until capture resumes.
    const offCapture = server.on('capture:set', ({ capture }) => {
      this.paused = capture === 'paused';
      if (this.paused) this.disarmIdle();
      else if (this.call) this.armIdle();
    });
    this.off = () => { offFrames(); offCapture(); };
  }

  private async onFrame(frame: AudioFrame): Promise<void> {
    if (frame.samples.length !== FRAME_SAMPLES) return; // the engine expects 32-ms frames
    if (frame.channel === 'customer') {
      this.customerBySeq.set(frame.seq, frame.samples);
      // Bounded: customer frames whose agent frame never comes are dropped.
      if (this.customerBySeq.size > 64) this.customerBySeq.delete(this.customerBySeq.keys().next().value!);
      return;
    }
    const call = this.call ?? (await (this.starting ??= this.start()));
    const customer = this.customerBySeq.get(frame.seq) ?? new Float32Array(FRAME_SAMPLES);
    this.customerBySeq.delete(frame.seq);
    this.armIdle();
    await call.pushFrames(frame.samples, customer);
  }

  private async start(): Promise<LiveCall> {
    const vad = await this.setup.vad(true);
    this.call = new LiveCall({ ...callOptions(this.setup, newCallId()), vad, server: this.server });
    this.starting = null;
    return this.call;
  }

  private disarmIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private armIdle(): void {
    this.disarmIdle();
    if (this.paused) return;
    this.idleTimer = setTimeout(() => {
      this.endCall().catch((err: unknown) => console.error(`capture: ending the call failed: ${(err as Error).message}`));
    }, this.idleEndMs);
  }

  private async endCall(): Promise<void> {
    const call = this.call;
    this.call = null;
    this.customerBySeq.clear();
    if (call) this.onEnded(await call.end());
  }

  async close(): Promise<void> {
    this.off();
    this.disarmIdle();
    await this.endCall();
  }
}
