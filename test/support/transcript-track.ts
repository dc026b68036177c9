// A transcript track for spoken practice rounds in tests and the bench: the recogniser hands out
// the sentences the WAV says, in the order the VAD cuts them (the tiny test Whisper makes no
// Dutch). It keeps how much audio each utterance had, so a test can check the VAD heard real
// speech for each sentence. Words are spread evenly over the audio, as a recogniser with timestamps gives them.
import type { SpeechRecogniser, Transcript } from '../../main/asr/transcript.ts';

export class TranscriptTrack implements SpeechRecogniser {
  readonly heardMs: number[] = [];
  private next = 0;

  constructor(private readonly sentences: readonly string[]) {}

  async transcribe(audio: Float32Array): Promise<Transcript> {
    const ms = (audio.length / 16000) * 1000;
    this.heardMs.push(ms);
    const text = this.sentences[this.next++] ?? '';
    const tokens = text.split(/\s+/).filter(Boolean);
    const step = ms / Math.max(1, tokens.length);
    return { text, words: tokens.map((t, i) => ({ text: t, startMs: i * step, endMs: (i + 1) * step })), computeMs: 0 };
  }
}
