// Speech boundaries placed at the sound, to 8 ms, given the VAD's frame-level decision.
import { describe, expect, it } from 'vitest';
import { BoundaryRefiner } from '../../main/turns/boundary-refiner.ts';

const RATE = 16;
const FRAME = 512;

/** A channel of `totalMs`: the given spans at `levelDb` (a tone), white-ish noise at `noiseDb` elsewhere. */
function channel(totalMs: number, spans: [number, number, number][], noiseDb = -60): Float32Array {
  const out = new Float32Array(totalMs * RATE);
  let seed = 7;
  const noise = 10 ** (noiseDb / 20) * Math.sqrt(3);
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out[i] = (seed / 2 ** 30 - 1) * noise;
  }
  for (const [s, e, levelDb] of spans) {
    const a = 10 ** (levelDb / 20) * Math.SQRT2;
    for (let i = s * RATE; i < e * RATE; i++) out[i]! += a * Math.sin(i / 3);
  }
  return out;
}

/** A refiner fed frame by frame; `at(ms)` feeds it up to that moment, as the timeline does before an event. */
function fed(stereo: boolean, agent: Float32Array, customer?: Float32Array, floorDb = -60) {
  const refiner = new BoundaryRefiner(stereo);
  let at = 0;
  return {
    refiner,
    at(ms: number): BoundaryRefiner {
      for (; at + FRAME <= ms * RATE; at += FRAME) {
        refiner.push(agent.subarray(at, at + FRAME), customer?.subarray(at, at + FRAME), { agent: floorDb, customer: floorDb });
      }
      return refiner;
    },
  };
}

describe('boundary refiner', () => {
  it('moves a lagging VAD end back to the last sound, and an early VAD start to the first', () => {
    const r = fed(false, channel(2000, [[300, 1040, -20]]));
    expect(r.at(448).refine('agent', { type: 'speech-start', startMs: 320, atMs: 448 })).toMatchObject({ startMs: 296 });
    expect(r.at(1440).refine('agent', { type: 'speech-end', startMs: 320, endMs: 1120, atMs: 1440 })).toMatchObject({ startMs: 296, endMs: 1040 });
  });

  it('keeps a soft tail the VAD missed, within reach after its end', () => {
    const r = fed(false, channel(2000, [[300, 1000, -20], [1000, 1100, -45]]));
    r.at(416).refine('agent', { type: 'speech-start', startMs: 288, atMs: 416 });
    expect(r.at(1344).refine('agent', { type: 'speech-end', startMs: 288, endMs: 1024, atMs: 1344 }).endMs).toBe(1104);
  });

  it('does not take the other party leaking into the microphone for speech', () => {
    // The agent stops at 1000; the customer talks on, heard 22 dB down on the agent's channel.
    const r = fed(true, channel(2000, [[300, 1000, -20], [1000, 1800, -42]]), channel(2000, [[900, 1800, -20]]));
    r.at(416).refine('agent', { type: 'speech-start', startMs: 288, atMs: 416 });
    expect(r.at(1472).refine('agent', { type: 'speech-end', startMs: 288, endMs: 1152, atMs: 1472 }).endMs).toBe(1000);
  });

  it('moves a start back over a short first word before a pause ("Dat | verbruik")', () => {
    const r = fed(false, channel(2000, [[400, 480, -22], [600, 1500, -20]]));
    expect(r.at(736).refine('agent', { type: 'speech-start', startMs: 608, atMs: 736 }).startMs).toBe(400);
  });

  it('keeps the VAD\'s times where nothing stands above the noise', () => {
    const r = fed(false, channel(2000, [[300, 1000, -70]], -60));
    expect(r.at(448).refine('agent', { type: 'speech-start', startMs: 320, atMs: 448 }).startMs).toBe(320);
    expect(r.at(1344).refine('agent', { type: 'speech-end', startMs: 320, endMs: 1024, atMs: 1344 }).endMs).toBe(1024);
  });
});
