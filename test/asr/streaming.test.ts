import { describe, expect, it } from 'vitest';
import { LocalAgreement, normaliseWord } from '../../main/asr/local-agreement.ts';
import { StreamingUtterance, type CommittedWords } from '../../main/asr/streaming-utterance.ts';
import type { RecognisedWord, SpeechRecogniser, Transcript } from '../../main/asr/transcript.ts';

const w = (text: string, startMs: number, endMs = startMs + 300): RecognisedWord => ({ text, startMs, endMs });

describe('LocalAgreement-2', () => {
  it('commits only the prefix two consecutive passes agree on', () => {
    const la = new LocalAgreement();
    expect(la.insert([w('het', 0), w('spijd', 400)])).toEqual([]);
    expect(la.insert([w('Het', 0), w('spijt', 400), w('me', 800)])).toEqual([w('Het', 0)]);
    expect(la.insert([w('het', 0), w('spijt', 400), w('me', 800), w('dat', 1200)]).map((x) => x.text)).toEqual(['spijt', 'me']);
    expect(la.committed.map((x) => x.text)).toEqual(['Het', 'spijt', 'me']);
    expect(la.tentative.map((x) => x.text)).toEqual(['dat']);
  });

  it('never changes committed words when a later pass disagrees about them', () => {
    const la = new LocalAgreement();
    la.insert([w('ik', 0), w('begrijp', 400)]);
    la.insert([w('ik', 0), w('begrijp', 400)]);
    expect(la.insert([w('ook', 0), w('begrepen', 400), w('dat', 800)])).toEqual([]);
    expect(la.committed.map((x) => x.text)).toEqual(['ik', 'begrijp']);
  });

  it('drops a repeat of the last committed words at the start of a new pass', () => {
    const la = new LocalAgreement();
    la.insert([w('we', 0), w('gaan', 400)]);
    la.insert([w('we', 0), w('gaan', 400)]);
    // After a buffer cut Whisper hears "gaan" again, with a time just inside the committed one.
    expect(la.insert([w('gaan', 650), w('dit', 800)])).toEqual([]);
    expect(la.insert([w('gaan', 650), w('dit', 800), w('oplossen', 1200)]).map((x) => x.text)).toEqual(['dit']);
  });

  it('flush commits the rest of the final pass', () => {
    const la = new LocalAgreement();
    la.insert([w('dank', 0)]);
    la.insert([w('dank', 0), w('u', 400)]);
    expect(la.flush([w('dank', 0), w('u', 400), w('wel', 800)]).map((x) => x.text)).toEqual(['u', 'wel']);
  });

  it('compares words without case or punctuation', () => {
    expect(normaliseWord(' Spijt,')).toBe('spijt');
    expect(normaliseWord('één')).toBe('één');
  });
});

// A scripted recogniser. Each sample of the fake audio holds its own index in the call, so the
// fake knows which stretch it was given even after the buffer was cut. It returns the script's
// words that lie inside that stretch; a word still being spoken (or ending in the last 300 ms)
// comes out garbled, as Whisper's unstable tail does.
const SCRIPT = 'ik begrijp dat u boos bent het spijt me dat het zo lang duurde we gaan dit nu voor u oplossen'.split(' ');
const WORD_MS = 450;
const scriptWords = SCRIPT.map((text, i) => w(text, i * WORD_MS, i * WORD_MS + WORD_MS - 50));

class ScriptedRecogniser implements SpeechRecogniser {
  longestMs = 0;
  calls = 0;
  constructor(private readonly failOnCall = -1) {}
  async transcribe(audio: Float32Array): Promise<Transcript> {
    this.calls++;
    if (this.calls === this.failOnCall) throw new Error('model exploded');
    const fromMs = (audio[0]! / 16000) * 1000;
    const toMs = fromMs + (audio.length / 16000) * 1000;
    this.longestMs = Math.max(this.longestMs, toMs - fromMs);
    const words = scriptWords
      .filter((x) => x.endMs > fromMs && x.startMs < toMs)
      .map((x) => ({ text: x.endMs > toMs - 300 ? `${x.text}~` : x.text, startMs: Math.max(0, x.startMs - fromMs), endMs: Math.min(toMs, x.endMs) - fromMs }));
    return { text: words.map((x) => x.text).join(' '), words, computeMs: 1 };
  }
}

async function speak(utterance: StreamingUtterance, totalMs: number, onFrame?: (ms: number) => void): Promise<void> {
  const frame = 512;
  for (let at = 0; at < (totalMs / 1000) * 16000; at += frame) {
    const samples = new Float32Array(frame).map((_, i) => at + i);
    utterance.push(samples);
    onFrame?.(((at + frame) / 16000) * 1000);
    await new Promise((r) => setImmediate(r)); // let a background pass finish, as real time would
  }
}

describe('streaming utterance', () => {
  // The VAD ends an utterance after a hangover of silence, so the audio runs on past the last word.
  const totalMs = SCRIPT.length * WORD_MS + 400;

  it('commits words during the utterance, each within two steps of being spoken, and never rewrites them', async () => {
    const commits: CommittedWords[] = [];
    const u = new StreamingUtterance(new ScriptedRecogniser(), 0, (c) => commits.push(c), { stepMs: 2000 });
    let committedBeforeEnd = 0;
    await speak(u, totalMs, () => { committedBeforeEnd = u.committed.length; });
    expect(committedBeforeEnd).toBeGreaterThan(SCRIPT.length / 2);
    const result = await u.finish();
    expect(result.text).toBe(SCRIPT.join(' '));
    const all = commits.flatMap((c) => c.words.map((word) => ({ word, heardUpToMs: c.heardUpToMs })));
    expect(all.map((x) => x.word.text)).toEqual(SCRIPT);
    for (const { word, heardUpToMs } of all) {
      expect(word.text).not.toContain('~'); // a garbled tail word was never committed
      expect(heardUpToMs - word.endMs).toBeLessThanOrEqual(2 * 2000 + 300 + 32);
    }
  });

  it('keeps the buffer short on a long turn and still loses no words', async () => {
    const recogniser = new ScriptedRecogniser();
    const u = new StreamingUtterance(recogniser, 0, undefined, { stepMs: 1000, maxBufferMs: 4000 });
    await speak(u, totalMs);
    const result = await u.finish();
    expect(result.text).toBe(SCRIPT.join(' '));
    expect(recogniser.longestMs).toBeLessThan(4000 + 1000 + 500);
    for (let i = 1; i < result.words.length; i++) expect(result.words[i]!.startMs).toBeGreaterThanOrEqual(result.words[i - 1]!.startMs);
  });

  it('gives call times when the utterance starts later in the call', async () => {
    const u = new StreamingUtterance(new ScriptedRecogniser(), 60_000);
    await speak(u, 1200);
    const result = await u.finish();
    expect(result.words[0]!.startMs).toBe(60_000);
    expect(result.endMs).toBeCloseTo(60_000 + 1216, 0);
  });

  it('reports a failed background pass at finish instead of throwing from push', async () => {
    const u = new StreamingUtterance(new ScriptedRecogniser(1), 0, undefined, { stepMs: 1000, minFirstPassMs: 1000 });
    await speak(u, 3000);
    await expect(u.finish()).rejects.toThrow('model exploded');
  });
});
