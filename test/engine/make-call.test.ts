// The fixture generator's layout and mixing (pure; no espeak needed): the truth it reports must be
// where the audio really is, or every detector test built on it would be meaningless.
import { describe, expect, it } from 'vitest';
import { CallScript, layoutAndMix, scriptHash } from '../../scripts/make-call.ts';
import { rmsDb } from '../../main/turns/channel-gate.ts';

const tone = (ms: number) => Float32Array.from({ length: ms * 16 }, (_, i) => 0.8 * Math.sin(i / 3));
const rmsOf = (x: Float32Array, fromMs: number, toMs: number) => rmsDb(x.subarray(fromMs * 16, toMs * 16));

describe('make-call layout', () => {
  const script = CallScript.parse({
    name: 't',
    leadInMs: 500,
    lines: [
      { who: 'customer', text: 'a', cutMs: 1600 },
      { who: 'agent', text: 'b', intoPreviousMs: 1000, label: 'interruption' },
      { who: 'customer', text: 'c', afterMs: 300 },
    ],
  });
  const { channels: [agent, customer], truth } = layoutAndMix(script, [tone(3000), tone(2000), tone(500)]);

  it('places lines as scripted and cuts the interrupted speaker', () => {
    expect(truth.lines.map((l) => [l.who, l.startMs, l.endMs, l.label])).toEqual([
      ['customer', 1200, 2800, undefined], // 500 lead-in + 700 default gap; cut after 1600 ms
      ['agent', 2200, 4200, 'interruption'],
      ['customer', 4500, 5000, undefined], // 300 ms after the latest end (the agent's)
    ]);
    expect(truth.durationMs).toBe(6000);
  });

  it('puts the sound exactly where the truth says, each party on its own channel', () => {
    expect(rmsOf(customer, 1200, 2780)).toBeGreaterThan(-15);
    expect(rmsOf(customer, 2800, 4500)).toBe(-120);
    expect(rmsOf(agent, 0, 2200)).toBe(-120);
    expect(rmsOf(agent, 2200, 4200)).toBeGreaterThan(-15);
  });

  it('adds crosstalk at the scripted level and noise at the scripted level', () => {
    const noisy = CallScript.parse({ ...script, crosstalkDb: -26, noiseDb: -50 });
    const { channels: [a, c] } = layoutAndMix(noisy, [tone(3000), tone(2000), tone(500)]);
    const source = rmsOf(customer, 1200, 2000);
    expect(rmsOf(a, 1200, 2000) - source).toBeCloseTo(-26, 0); // customer leaking into the agent's mic
    expect(rmsOf(c, 5200, 5900)).toBeCloseTo(-50, 0);
  });

  it('keys the cache by the script, so a changed script is re-rendered', () => {
    expect(scriptHash({ name: 't', lines: [{ who: 'agent', text: 'a' }] })).not.toBe(scriptHash({ name: 't', lines: [{ who: 'agent', text: 'b' }] }));
  });
});
