// Turn-taking by voice, on the real CallTimeline (gate, segmenter, turn tracker) with a VAD that
// hears any sound as speech: a pause shorter than the customer's wait keeps the turn going, a
// sound without words is no turn. (Talking over the customer: practice-voice.browser.test.ts.)
import { describe, expect, it } from 'vitest';
import type { SpeechRecogniser, Transcript } from '../../main/asr/transcript.ts';
import { CUSTOMER_WAIT_MS } from '../../main/practice/practice-session.ts';
import { VoiceTurns, type SpokenTurn } from '../../main/practice/voice-turns.ts';
import { callVadFromChannels } from '../../main/vad/vad-model.ts';

const loudVad = callVadFromChannels({ probability: async (f) => (f.some((s) => Math.abs(s) > 0.01) ? 0.95 : 0.02), reset: () => undefined });

/** "Hears" one word per stretch of sound: "zacht" below 0.4 amplitude, "hard" above; nothing for a short click. */
const recogniser: SpeechRecogniser = {
  async transcribe(audio: Float32Array): Promise<Transcript> {
    const words: Transcript['words'] = [];
    let runStart = -1;
    for (let i = 0; i <= audio.length; i++) {
      const loud = i < audio.length && Math.abs(audio[i]!) > 0.01;
      if (loud && runStart < 0) runStart = i;
      if (!loud && runStart >= 0 && i - runStart > 8000 /* 0.5 s */) {
        const peak = Math.max(...audio.subarray(runStart, i).map(Math.abs));
        words.push({ text: peak > 0.4 ? 'hard' : 'zacht', startMs: runStart / 16, endMs: i / 16 });
      }
      if (!loud) runStart = -1;
    }
    return { text: words.map((w) => w.text).join(' '), words, computeMs: 0 };
  },
};

/** A steady sound (never crossing zero, so the fake recogniser sees one stretch). */
const tone = (ms: number, amplitude: number): Float32Array => Float32Array.from({ length: ms * 16 }, (_, i) => amplitude * (0.9 + 0.1 * Math.sin(i / 3)));
const silence = (ms: number): Float32Array => new Float32Array(ms * 16);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function voiceTurns() {
  const turns: SpokenTurn[] = [];
  const events: string[] = [];
  const voice = new VoiceTurns({
    vad: loudVad, recogniser, waitMs: CUSTOMER_WAIT_MS,
    onSpeechStart: () => events.push('start'),
    onSpeechEnd: () => events.push('end'),
    onTurn: (turn) => turns.push(turn),
    onError: (m) => events.push(`error ${m}`),
  });
  return { voice, turns, events };
}

describe('voice turns', () => {
  it('a pause shorter than the wait keeps the turn going: two stretches of speech, one turn', async () => {
    const { voice, turns, events } = voiceTurns();
    await voice.push(silence(500));
    await voice.push(tone(1500, 0.3));
    await voice.push(silence(400)); // the VAD ends the speech, the customer is still waiting
    await voice.push(tone(1200, 0.6));
    await voice.push(silence(400));
    await sleep(CUSTOMER_WAIT_MS + 300);
    voice.close();
    expect(events.filter((e) => e.startsWith('start'))).toHaveLength(2);
    expect(turns).toHaveLength(1);
    expect(turns[0]!.text).toBe('zacht hard');
    expect(turns[0]!.startMs).toBeGreaterThanOrEqual(400);
    expect(turns[0]!.startMs).toBeLessThan(700);
    expect(turns[0]!.endMs).toBeGreaterThan(3500);
    expect(turns[0]!.endMs).toBeLessThan(3800);
  });

  it('after the wait with no new speech, the turn is over; the next speech is a new turn', async () => {
    const { voice, turns } = voiceTurns();
    await voice.push(tone(1200, 0.3));
    await voice.push(silence(400));
    await sleep(CUSTOMER_WAIT_MS + 300);
    expect(turns.map((t) => t.text)).toEqual(['zacht']);
    await voice.push(tone(1200, 0.6));
    await voice.push(silence(400));
    await sleep(CUSTOMER_WAIT_MS + 300);
    voice.close();
    expect(turns.map((t) => t.text)).toEqual(['zacht', 'hard']);
  });

  it('a sound without words (a cough) is no turn', async () => {
    const { voice, turns, events } = voiceTurns();
    await voice.push(tone(300, 0.3));
    await voice.push(silence(500));
    await sleep(CUSTOMER_WAIT_MS + 300);
    voice.close();
    expect(events).toEqual(['start', 'end']);
    expect(turns).toEqual([]);
  });
});
