// Text during a long agent turn, not only at its end. While the agent speaks, the audio of the
// utterance so far is re-transcribed every `stepMs`, and LocalAgreement-2 commits the words two
// passes agree on; at the end of the utterance (VAD end) one final pass commits the rest.
//
// Latency budget (why stepMs = 2000 by default). Transformers.js pads every pass to Whisper's
// 30-s window, so each pass costs one full encoder run whatever the buffer length: with 4 threads
// about 1.2 s for base and 4.3 s for small (whisper.cpp on an i7 laptop, research/asr.md §3;
// expectations until `npm run bench` measures our stack on real hardware). A word is committed
// by the second pass that hears it, so during a turn it appears stepMs..2·stepMs after it was
// spoken plus one pass of compute: ≈ 3–5 s with base, close to the 3.3 s the LocalAgreement paper
// reports on GPU, and early enough for a tip while a long turn (the kind that earns tips) still
// runs. A 1-s step would keep base re-running back to back on a 2–4 core laptop that also runs
// the VAD and the call itself. Passes are skipped, not queued, while one is still running, so a
// slow machine (or small, whose pass is longer than the step) gets fewer updates instead of a
// growing backlog; for small, streaming is best turned off (stepMs = Infinity) and only the
// final pass used. At the utterance end (VAD end) the text arrives one pass later (≈ 1.2–1.5 s
// with base), which is when phrase rules run. The buffer is cut at the last committed word once
// it exceeds maxBufferMs, well inside Whisper's 30-s window.
import { LocalAgreement } from './local-agreement.ts';
import { msToSamples, samplesToMs, type RecognisedWord, type SpeechRecogniser } from './transcript.ts';

export interface StreamingOptions {
  /** Re-transcribe after this much new audio. */
  stepMs: number;
  /** No pass before the buffer holds this much audio (very short utterances wait for the end). */
  minFirstPassMs: number;
  /** Cut the buffer at the last committed word when it grows beyond this. */
  maxBufferMs: number;
}

export const DEFAULT_STREAMING: StreamingOptions = { stepMs: 2000, minFirstPassMs: 1500, maxBufferMs: 20_000 };

export interface CommittedWords {
  /** Words now final, with times in call ms. */
  words: RecognisedWord[];
  /** Call ms of the audio that had arrived when the pass that committed them started. */
  heardUpToMs: number;
  /** Wall-clock ms (performance.now) when they were committed. */
  committedAt: number;
}

export interface UtteranceText {
  text: string;
  words: RecognisedWord[];
  startMs: number;
  endMs: number;
}

export class StreamingUtterance {
  private readonly options: StreamingOptions;
  private readonly agreement = new LocalAgreement();
  private chunks: Float32Array[] = [];
  private bufferSamples = 0;
  /** Call ms at which the buffer starts (moves forward when it is trimmed). */
  private bufferStartMs: number;
  private samplesAtLastPass = 0;
  private running: Promise<void> | null = null;
  private failure: unknown = null;
  private finished = false;

  constructor(
    private readonly recogniser: SpeechRecogniser,
    readonly startMs: number,
    private readonly onCommit: (c: CommittedWords) => void = () => undefined,
    options: Partial<StreamingOptions> = {},
  ) {
    this.options = { ...DEFAULT_STREAMING, ...options };
    this.bufferStartMs = startMs;
  }

  /** Appends agent audio (16 kHz mono). Cheap: a pass, when due, runs in the background. */
  push(samples: Float32Array): void {
    if (this.finished) throw new Error('push after finish(): the utterance is over');
    this.chunks.push(samples.slice());
    this.bufferSamples += samples.length;
    const sinceLast = samplesToMs(this.bufferSamples - this.samplesAtLastPass);
    if (!this.running && samplesToMs(this.bufferSamples) >= this.options.minFirstPassMs && sinceLast >= this.options.stepMs) {
      this.running = this.pass().finally(() => { this.running = null; });
    }
  }

  /** Words committed so far. */
  get committed(): readonly RecognisedWord[] {
    return this.agreement.committed;
  }

  /** End of the utterance: waits for a running pass, runs the final one, returns the whole text. */
  async finish(): Promise<UtteranceText> {
    this.finished = true;
    if (this.running) await this.running;
    if (this.failure) throw this.failure;
    const endMs = this.bufferStartMs + samplesToMs(this.bufferSamples);
    if (this.bufferSamples > 0) {
      const heardUpToMs = endMs;
      const t = await this.recogniser.transcribe(this.buffer());
      const words = this.agreement.flush(this.toCallTime(t.words));
      if (words.length > 0) this.onCommit({ words, heardUpToMs, committedAt: performance.now() });
    }
    const words = [...this.agreement.committed];
    return { text: words.map((w) => w.text).join(' '), words, startMs: this.startMs, endMs };
  }

  private async pass(): Promise<void> {
    this.samplesAtLastPass = this.bufferSamples;
    const heardUpToMs = this.bufferStartMs + samplesToMs(this.bufferSamples);
    try {
      const t = await this.recogniser.transcribe(this.buffer());
      const words = this.agreement.insert(this.toCallTime(t.words));
      if (words.length > 0) this.onCommit({ words, heardUpToMs, committedAt: performance.now() });
      this.trim();
    } catch (err) {
      this.failure = err; // reported by finish(); live audio must not throw from push()
    }
  }

  private toCallTime(words: readonly RecognisedWord[]): RecognisedWord[] {
    return words.map((w) => ({ text: w.text, startMs: w.startMs + this.bufferStartMs, endMs: w.endMs + this.bufferStartMs }));
  }

  private buffer(): Float32Array {
    if (this.chunks.length !== 1) {
      const all = new Float32Array(this.bufferSamples);
      let at = 0;
      for (const c of this.chunks) { all.set(c, at); at += c.length; }
      this.chunks = [all];
    }
    return this.chunks[0] ?? new Float32Array(0);
  }

  private trim(): void {
    if (samplesToMs(this.bufferSamples) <= this.options.maxBufferMs) return;
    const lastEnd = this.agreement.committed.at(-1)?.endMs;
    // Cut at the last committed word; without one, keep the newest maxBufferMs (Whisper's window is finite).
    const cutMs = lastEnd !== undefined && lastEnd > this.bufferStartMs
      ? lastEnd
      : this.bufferStartMs + samplesToMs(this.bufferSamples) - this.options.maxBufferMs;
    const cut = Math.min(this.bufferSamples, msToSamples(cutMs - this.bufferStartMs));
    const rest = this.buffer().slice(cut);
    this.chunks = [rest];
    this.samplesAtLastPass = Math.max(0, this.samplesAtLastPass - cut);
    this.bufferSamples = rest.length;
    this.bufferStartMs += samplesToMs(cut);
  }
}
