// Answering by voice: the trainee's microphone frames (from the capture page's audio graph) go
// through the same CallTimeline as a live call (Silero VAD, noise gate, turn tracker) and the same
// LiveAgentSpeech (Whisper in the speech worker). A turn ends like a caller hears it: the VAD's
// end of speech plus a gap with no new speech; if the trainee starts again inside the gap, the
// turn goes on. Then the recognised words of the whole turn, with the VAD's times, go to the round.
import { LiveAgentSpeech } from '../asr/live-agent-speech.ts';
import type { SpeechRecogniser } from '../asr/transcript.ts';
import { CallTimeline } from '../engine/call-timeline.ts';
import type { CallVad } from '../vad/vad-model.ts';

/** One spoken turn, in ms of the trainee's audio (since the microphone opened). */
export interface SpokenTurn {
  text: string;
  startMs: number;
  endMs: number;
}

export interface VoiceTurnsOptions {
  vad: CallVad;
  recogniser: SpeechRecogniser;
  /** After the trainee's last sound, this long without new speech ends the turn. */
  waitMs: number;
  /** The VAD heard the trainee start talking (the server checks for talking over the customer). */
  onSpeechStart: () => void;
  onSpeechEnd: () => void;
  /** A whole turn, recognised; `audioNowMs` is how much audio has been heard by then. */
  onTurn: (turn: SpokenTurn, audioNowMs: number) => void;
  onError: (message: string) => void;
}

interface Part {
  startMs: number;
  endMs: number;
  text: string;
  recognised: boolean;
}

export class VoiceTurns {
  private readonly timeline: CallTimeline;
  private readonly speech: LiveAgentSpeech;
  private parts: Part[] = [];
  private speaking = false;
  private gapPassed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** ms of audio received so far, and when the last of it arrived (wall clock, performance.now). */
  private receivedMs = 0;
  private receivedAtMs = 0;

  constructor(private readonly options: VoiceTurnsOptions) {
    if (options.vad.stereo) throw new Error('practice voice: the VAD must be mono (the trainee\'s microphone only)');
    this.timeline = new CallTimeline({ vad: options.vad });
    // The customer answers at the end of a turn, so one pass per utterance is enough: no
    // streaming passes during the turn (they would only cost CPU the VAD needs).
    this.speech = new LiveAgentSpeech(options.recogniser, {
      streaming: { stepMs: Infinity },
      onUtterance: (u) => {
        const part = this.parts.find((p) => p.startMs === u.startMs);
        if (part) part.text = u.text.trim();
      },
      onError: (err) => options.onError(`je woorden werden niet herkend: ${(err as Error).message}`),
    });
    this.timeline.on((event) => {
      if (event.type !== 'turn') return;
      const turn = event.event;
      if (turn.type === 'speech-start' && turn.party === 'agent') this.started(turn);
      else if (turn.type === 'speech-end' && turn.party === 'agent') this.ended(turn);
    });
  }

  /** 16 kHz mono samples from the trainee's microphone, in order. */
  push(samples: Float32Array): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.receivedMs += (samples.length / 16000) * 1000;
    this.receivedAtMs = performance.now();
    this.speech.pushAgent(samples);
    return this.timeline.pushFrames(samples);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private started(turn: { type: 'speech-start'; startMs: number }): void {
    this.speech.onSpeech(turn);
    this.speaking = true;
    this.gapPassed = false;
    if (this.timer) clearTimeout(this.timer);
    this.options.onSpeechStart();
  }

  private ended(turn: { type: 'speech-end'; startMs: number; endMs: number }): void {
    this.speech.onSpeech(turn);
    this.speaking = false;
    const part: Part = { startMs: turn.startMs, endMs: turn.endMs, text: '', recognised: false };
    this.parts.push(part);
    this.options.onSpeechEnd();
    // drain() settles once this utterance is recognised, with words or without (a cough).
    void this.speech.drain().then(() => {
      part.recognised = true;
      this.finishTurn();
    });
    // The wait runs on the wall clock from when the last sound came in, so time the VAD took to
    // catch up with the audio (a busy machine) is not added to it.
    const soundEndedAt = this.receivedAtMs - (this.receivedMs - turn.endMs);
    const left = Math.max(0, this.options.waitMs - (performance.now() - soundEndedAt));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.gapPassed = true;
      this.finishTurn();
    }, left);
  }

  private finishTurn(): void {
    if (this.closed || this.speaking || !this.gapPassed || this.parts.length === 0 || !this.parts.every((p) => p.recognised)) return;
    const parts = this.parts;
    this.parts = [];
    const text = parts.map((p) => p.text).filter(Boolean).join(' ');
    // Only sounds without words (a cough, a chair): not a turn.
    if (!text) return;
    this.options.onTurn({ text, startMs: parts[0]!.startMs, endMs: parts.at(-1)!.endMs }, this.timeline.clockMs);
  }
}
