import { describe, expect, it } from 'vitest';
import { LiveAgentSpeech } from '../../main/asr/live-agent-speech.ts';
import type { CommittedWords, UtteranceText } from '../../main/asr/streaming-utterance.ts';
import type { SpeechRecogniser, Transcript } from '../../main/asr/transcript.ts';

/** Each fake sample holds its own index in the call, so the test sees exactly which audio was heard.
 *  The recogniser "hears" one word per full 500 ms and garbles a word still being spoken. */
class IndexRecogniser implements SpeechRecogniser {
  readonly heard: Array<{ fromMs: number; toMs: number }> = [];
  async transcribe(audio: Float32Array): Promise<Transcript> {
    const fromMs = (audio[0]! / 16000) * 1000;
    const toMs = fromMs + (audio.length / 16000) * 1000;
    this.heard.push({ fromMs, toMs });
    const words = [];
    for (let t = Math.ceil(fromMs / 500) * 500; t + 500 <= toMs + 500; t += 500) {
      const complete = t + 500 <= toMs - 200;
      words.push({ text: complete ? `w${t / 500}` : `w${t / 500}?`, startMs: t - fromMs, endMs: Math.min(toMs, t + 500) - fromMs });
    }
    return { text: words.map((w) => w.text).join(' '), words, computeMs: 1 };
  }
}

async function feed(speech: LiveAgentSpeech, fromMs: number, toMs: number): Promise<void> {
  for (let s = (fromMs / 1000) * 16000; s < (toMs / 1000) * 16000; s += 512) {
    speech.pushAgent(new Float32Array(512).map((_, i) => s + i));
    await new Promise((r) => setImmediate(r));
  }
}

describe('live agent speech', () => {
  it('transcribes from just before the VAD start (onset pre-roll) and reports the VAD times', async () => {
    const recogniser = new IndexRecogniser();
    const utterances: UtteranceText[] = [];
    const speech = new LiveAgentSpeech(recogniser, { onUtterance: (u) => utterances.push(u), padMs: 200 });
    await feed(speech, 0, 2000);
    speech.onSpeech({ type: 'speech-start', startMs: 1500 }); // decided later than it began
    await feed(speech, 2000, 3500);
    speech.onSpeech({ type: 'speech-end', startMs: 1500, endMs: 3200 });
    await speech.drain();
    expect(recogniser.heard[0]!.fromMs).toBe(1300);
    expect(utterances).toHaveLength(1);
    expect(utterances[0]!.startMs).toBe(1500);
    expect(utterances[0]!.endMs).toBe(3200);
    expect(utterances[0]!.text).toMatch(/^w3 w4/);
  });

  it('commits words while a long turn is still going, then the whole utterance at its end', async () => {
    const commits: CommittedWords[] = [];
    const utterances: UtteranceText[] = [];
    const speech = new LiveAgentSpeech(new IndexRecogniser(), { onUtterance: (u) => utterances.push(u), onWords: (c) => commits.push(c), streaming: { stepMs: 1000, minFirstPassMs: 1000 } });
    speech.onSpeech({ type: 'speech-start', startMs: 0 });
    await feed(speech, 0, 8000);
    const beforeEnd = commits.flatMap((c) => c.words.map((w) => w.text));
    expect(beforeEnd.length).toBeGreaterThan(5);
    expect(beforeEnd.every((t) => !t.endsWith('?'))).toBe(true);
    speech.onSpeech({ type: 'speech-end', startMs: 0, endMs: 8000 });
    await speech.drain();
    expect(utterances[0]!.text.split(' ').slice(0, beforeEnd.length)).toEqual(beforeEnd);
  });

  it('keeps going after a failed utterance and reports it', async () => {
    const errors: unknown[] = [];
    const utterances: UtteranceText[] = [];
    let calls = 0;
    const flaky: SpeechRecogniser = {
      transcribe: async (audio) => {
        calls++;
        if (calls === 1) throw new Error('worker crashed twice');
        return new IndexRecogniser().transcribe(audio);
      },
    };
    const speech = new LiveAgentSpeech(flaky, { onUtterance: (u) => utterances.push(u), onError: (e) => errors.push(e) });
    speech.onSpeech({ type: 'speech-start', startMs: 0 });
    await feed(speech, 0, 1000);
    speech.onSpeech({ type: 'speech-end', startMs: 0, endMs: 1000 });
    speech.onSpeech({ type: 'speech-start', startMs: 1000 });
    await feed(speech, 1000, 2000);
    speech.onSpeech({ type: 'speech-end', startMs: 1000, endMs: 2000 });
    await speech.drain();
    expect(errors).toHaveLength(1);
    expect(utterances.map((u) => u.startMs)).toEqual([1000]);
  });
});
