import { describe, expect, it } from 'vitest';
import { ChannelGate, rmsDb } from '../../main/turns/channel-gate.ts';

const speech = (levelDb: number) => ({ probability: 0.95, levelDb });

describe('channel gate', () => {
  it('measures frame level in dBFS', () => {
    expect(rmsDb(new Float32Array(512).fill(0.1))).toBeCloseTo(-20, 5);
    expect(rmsDb(new Float32Array(512))).toBe(-120);
  });

  it('treats a channel far below the other, while both sound like speech, as crosstalk', () => {
    const gate = new ChannelGate({ crosstalkMarginDb: 15 });
    let out: [number, number | undefined] = [0, 0];
    for (let i = 0; i < 10; i++) out = gate.gate(speech(-46), speech(-20));
    expect(out).toEqual([0, 0.95]);
  });

  it('lets real double talk through (both parties at comparable levels)', () => {
    const gate = new ChannelGate();
    let out: [number, number | undefined] = [0, 0];
    for (let i = 0; i < 10; i++) out = gate.gate(speech(-24), speech(-20));
    expect(out).toEqual([0.95, 0.95]);
  });

  it('does not gate a quiet frame between syllables of real speech (peak hold)', () => {
    const gate = new ChannelGate();
    for (let i = 0; i < 5; i++) gate.gate(speech(-22), speech(-20));
    // one quiet agent frame while the customer is loud: still the agent's own speech
    expect(gate.gate(speech(-45), speech(-18))[0]).toBe(0.95);
  });

  it('never hears speech in line noise near its own floor', () => {
    const gate = new ChannelGate({ snrDb: 8, floorWindowMs: 3000 });
    // three seconds of steady -50 dB hiss set the floor; the model then wrongly says 0.9 on the hiss
    for (let i = 0; i < 94; i++) gate.gate({ probability: 0.1, levelDb: -50 });
    expect(gate.gate({ probability: 0.9, levelDb: -49 })[0]).toBe(0);
    // a voice 25 dB above the hiss passes
    expect(gate.gate({ probability: 0.9, levelDb: -25 })[0]).toBe(0.9);
  });

  it('hears a call that starts mid-speech, before any floor is known', () => {
    const gate = new ChannelGate();
    expect(gate.gate(speech(-20))[0]).toBe(0.95);
    expect(new ChannelGate().gate({ probability: 0.9, levelDb: -65 })[0]).toBe(0); // below the absolute floor
  });

  it('passes a mono call through with only the agent', () => {
    expect(new ChannelGate().gate(speech(-20))).toEqual([0.95, undefined]);
  });
});
