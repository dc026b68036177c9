import { describe, expect, it } from 'vitest';
import { SpeechSegmenter, type SegmentEvent } from '../../main/vad/speech-segmenter.ts';

/** Feeds a probability script: [probability, frames] pairs. */
function run(script: [number, number][], options = {}): SegmentEvent[] {
  const seg = new SpeechSegmenter(options);
  const out: SegmentEvent[] = [];
  for (const [p, n] of script) for (let i = 0; i < n; i++) out.push(...seg.push(p));
  out.push(...seg.end());
  return out;
}

describe('speech segmenter (fake probabilities)', () => {
  it('dates speech from its first frame, confirms it after the minimum length and ends it after the hangover', () => {
    const events = run([[0.05, 10], [0.9, 20], [0.05, 20]], { minSpeechMs: 128, hangoverMs: 320 });
    expect(events).toEqual([
      { type: 'speech-start', startMs: 320, atMs: (10 + 4) * 32 },
      { type: 'speech-end', startMs: 320, endMs: 30 * 32, atMs: (30 + 10) * 32 },
    ]);
  });

  it('drops a click shorter than the minimum speech length', () => {
    expect(run([[0, 5], [0.95, 2], [0, 30]], { minSpeechMs: 128 })).toEqual([]);
  });

  it('bridges a pause shorter than the hangover and splits at a longer one', () => {
    const bridged = run([[0.9, 10], [0.1, 8], [0.9, 10], [0, 20]], { hangoverMs: 320 });
    expect(bridged.filter((e) => e.type === 'speech-start')).toHaveLength(1);
    const split = run([[0.9, 10], [0.1, 12], [0.9, 10], [0, 20]], { hangoverMs: 320 });
    expect(split.filter((e) => e.type === 'speech-start')).toHaveLength(2);
    expect(split[1]).toMatchObject({ type: 'speech-end', endMs: 320 });
  });

  it('keeps speech going between the thresholds (hysteresis)', () => {
    const events = run([[0.9, 5], [0.4, 30], [0.1, 15]], { positiveThreshold: 0.5, negativeThreshold: 0.35 });
    expect(events.find((e) => e.type === 'speech-end')).toMatchObject({ startMs: 0, endMs: 35 * 32 });
    // ...but 0.4 alone never starts it
    expect(run([[0.4, 40]])).toEqual([]);
  });

  it('survives a ragged onset: plosive, closure, vowel', () => {
    // "Dat klopt" as Silero scored it on a generated call
    const probs = [0.95, 0.98, 0.12, 0.07, 0.73, 0.24, 0.24, 0.23, 0.92, 0.99, 0.99, 1, 1];
    const seg = new SpeechSegmenter();
    const events = probs.flatMap((p) => seg.push(p));
    expect(events).toEqual([{ type: 'speech-start', startMs: 0, atMs: 9 * 32 }]);
  });

  it('closes open speech at the end of the input', () => {
    const events = run([[0.9, 10]]);
    expect(events.at(-1)).toEqual({ type: 'speech-end', startMs: 0, endMs: 320, atMs: 320 });
  });

  it('refuses a negative threshold above the positive one', () => {
    expect(() => new SpeechSegmenter({ positiveThreshold: 0.3, negativeThreshold: 0.5 })).toThrow(/negativeThreshold/);
  });
});
