// Live speech for a call: the agent's audio frames and the VAD's agent speech events go in;
// words committed during a long turn (streaming, LocalAgreement-2) and each finished utterance
// come out, in call time, ready for CallTimeline.pushUtterance. The VAD decides a turn's start a
// little after it began (minimum speech length) so the last seconds of agent audio are kept in a
// small ring buffer to give the recogniser the onset too. Only agent audio is ever accepted:
// there is no way to hand this class the customer channel (DESIGN.md, Privacy).
import { StreamingUtterance, type CommittedWords, type StreamingOptions, type UtteranceText } from './streaming-utterance.ts';
import { msToSamples, samplesToMs, type SpeechRecogniser } from './transcript.ts';

export type AgentSpeechEvent =
  | { type: 'speech-start'; startMs: number }
  | { type: 'speech-end'; startMs: number; endMs: number };

export interface LiveAgentSpeechOptions {
  onUtterance: (u: UtteranceText) => void;
  onWords?: (c: CommittedWords) => void;
  onError?: (err: unknown, u: { startMs: number; endMs: number }) => void;
  streaming?: Partial<StreamingOptions>;
  /** Audio kept before the VAD's start time: soft onsets are often dated late. */
  padMs?: number;
  /** How much agent audio is kept for onsets. Must exceed the VAD's start decision delay. */
  ringMs?: number;
}

export class LiveAgentSpeech {
  private readonly ring: Float32Array;
  /** Agent samples pushed since the call began; the ring holds the last ring.length of them. */
  private written = 0;
  private open: StreamingUtterance | null = null;
  private finishing: Promise<void> = Promise.resolve();

  constructor(private readonly recogniser: SpeechRecogniser, private readonly options: LiveAgentSpeechOptions) {
    this.ring = new Float32Array(msToSamples(options.ringMs ?? 3000));
  }

  /** Agent samples in call order (16 kHz mono), the same blocks the timeline gets. */
  pushAgent(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) this.ring[(this.written + i) % this.ring.length] = samples[i]!;
    this.written += samples.length;
    this.open?.push(samples);
  }

  /** The agent's VAD speech events (from the call timeline's turn events with party 'agent'). */
  onSpeech(event: AgentSpeechEvent): void {
    if (event.type === 'speech-start') {
      if (this.open) return; // already open: a repeated start changes nothing
      const from = Math.max(0, this.written - this.ring.length, msToSamples(event.startMs - (this.options.padMs ?? 200)));
      const preRoll = new Float32Array(this.written - from);
      for (let i = 0; i < preRoll.length; i++) preRoll[i] = this.ring[(from + i) % this.ring.length]!;
      this.open = new StreamingUtterance(this.recogniser, samplesToMs(from), this.options.onWords, this.options.streaming);
      this.open.push(preRoll);
      return;
    }
    const utterance = this.open;
    this.open = null;
    if (!utterance) return;
    // Finished in order, one after the other: utterances reach the rules in call order.
    this.finishing = this.finishing.then(async () => {
      try {
        const text = await utterance.finish();
        if (text.text) this.options.onUtterance({ ...text, startMs: event.startMs, endMs: event.endMs });
      } catch (err) {
        this.options.onError?.(err, { startMs: event.startMs, endMs: event.endMs });
      }
    });
  }

  /** Waits until every ended utterance has been transcribed (end of call). */
  drain(): Promise<void> {
    return this.finishing;
  }
}
