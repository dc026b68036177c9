import { describe, expect, it } from 'vitest';
import { renderCall, checkTools } from '../../scripts/make-call.ts';
import { readCallWav } from '../../main/audio/call-audio.ts';
import { callFrames } from '../../main/audio/frames.ts';
import { loadSileroSession, SileroCallVad, SileroChannel, VadModelError, defaultSileroV5Path } from '../../main/vad/silero-v5.ts';

const missingTools = checkTools();
if (missingTools) console.log(`skipping Silero-on-speech tests: ${missingTools}`);

describe('Silero VAD v5 (onnxruntime-node)', () => {
  it('uses the v5 model file shipped in @ricky0123/vad-web', () => {
    expect(defaultSileroV5Path()).toMatch(/@ricky0123\/vad-web\/dist\/silero_vad_v5\.onnx$/);
  });

  it('names the path when the model file is missing', async () => {
    await expect(loadSileroSession('/nope/silero.onnx')).rejects.toThrow(VadModelError);
    await expect(loadSileroSession('/nope/silero.onnx')).rejects.toThrow(/not found at \/nope\/silero\.onnx.*npm ci/);
  });

  it('refuses frames that are not 512 samples', async () => {
    const ch = new SileroChannel(await loadSileroSession());
    await expect(ch.probability(new Float32Array(480))).rejects.toThrow(/512-sample frames, got 480/);
  });

  it.skipIf(missingTools !== undefined)('hears speech in speech, not in silence, and keeps one state per channel', async () => {
    const { wavPath, truth } = renderCall({ name: 'one-line', lines: [{ who: 'agent', text: 'Goedemiddag, waarmee kan ik u helpen?' }] });
    const call = await readCallWav(wavPath);
    const session = await loadSileroSession();
    const a = new SileroChannel(session);
    const b = new SileroChannel(session);
    const line = truth.lines[0]!;
    const inSpeech: number[] = [];
    const inSilence: number[] = [];
    const probsA: number[] = [];
    const probsB: number[] = [];
    for (const frame of callFrames(call)) {
      // Interleave two channels on one session: their states must not leak into each other.
      probsA.push(await a.probability(frame.agent));
      probsB.push(await b.probability(frame.customer!));
      const t = frame.index * 32;
      if (t > line.startMs + 100 && t + 32 < line.endMs - 100) inSpeech.push(probsA.at(-1)!);
      if (t + 32 < line.startMs - 100 || t > line.endMs + 300) inSilence.push(probsA.at(-1)!);
    }
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(inSpeech)).toBeGreaterThan(0.7);
    expect(Math.max(...inSilence)).toBeLessThan(0.3);
    expect(Math.max(...probsB)).toBeLessThan(0.3); // silent customer channel stays silent
    // Same audio through a fresh channel alone gives the same probabilities: state is per channel.
    const alone = new SileroChannel(session);
    const probsAlone: number[] = [];
    for (const frame of callFrames(call)) probsAlone.push(await alone.probability(frame.agent));
    probsAlone.forEach((p, i) => expect(p).toBeCloseTo(probsA[i]!, 5));
    // Both channels scored as one batch give what each channel gives alone.
    const stereo = new SileroCallVad(session, true);
    let k = 0;
    for (const frame of callFrames(call)) {
      const [pa, pc] = await stereo.probabilities(frame.agent, frame.customer);
      expect(pa).toBeCloseTo(probsA[k]!, 4);
      expect(pc!).toBeCloseTo(probsB[k]!, 4);
      k++;
    }
    // reset() forgets the state: a second pass after reset equals the first.
    alone.reset();
    let i = 0;
    for (const frame of callFrames(call)) expect(await alone.probability(frame.agent)).toBeCloseTo(probsAlone[i++]!, 5);
  });
});
