// The capture page's pure parts for the desktop app: the start options in its URL and the
// pairing of both channels' levels into reports for the headset hint.
import { describe, expect, it } from 'vitest';
import { LevelReport } from '../../main/contracts/ipc.ts';
import { LevelBatcher, rms } from '../../renderer/capture/level-batcher.ts';
import { parseCaptureStart } from '../../renderer/capture/start-options.ts';

describe('parseCaptureStart', () => {
  it('reads the options the app puts in the URL', () => {
    expect(parseCaptureStart('?scripted&autostart=1&mic=abc%20123&loopback=1')).toEqual({
      ok: true, options: { autostart: true, micDeviceId: 'abc 123', loopback: true },
    });
    expect(parseCaptureStart('?autostart=1&loopback=0')).toEqual({ ok: true, options: { autostart: true, micDeviceId: null, loopback: false } });
  });

  it('a plain page (no options) waits for a click', () => {
    expect(parseCaptureStart('')).toEqual({ ok: true, options: { autostart: false, micDeviceId: null, loopback: false } });
  });

  it('names the bad option instead of guessing', () => {
    expect(parseCaptureStart('?autostart=true')).toEqual({ ok: false, error: expect.stringMatching(/^page address: autostart: /) as string });
    expect(parseCaptureStart('?autostart=1&mic=%E2%9C%93')).toEqual({ ok: false, error: 'page address: mic: printable ASCII only' });
    expect(parseCaptureStart(`?mic=${'x'.repeat(300)}`).ok).toBe(false);
  });
});

describe('LevelBatcher', () => {
  it('pairs frames by sequence number whatever order they arrive in, 16 to a report', () => {
    const batcher = new LevelBatcher();
    const reports = [];
    for (let seq = 0; seq < 32; seq++) {
      // The customer frame of a seq sometimes arrives before the agent's, sometimes after.
      const first = seq % 3 === 0 ? 'customer' : 'agent';
      const second = first === 'agent' ? 'customer' : 'agent';
      const level = (ch: string) => (ch === 'agent' ? seq / 100 : 0.5 + seq / 100);
      for (const ch of [first, second] as const) {
        const r = batcher.push(ch, seq, level(ch));
        if (r) reports.push(r);
      }
    }
    expect(reports).toHaveLength(2);
    expect(reports[1]!.agentRms).toEqual(Array.from({ length: 16 }, (_, i) => (16 + i) / 100));
    expect(reports[1]!.customerRms).toEqual(Array.from({ length: 16 }, (_, i) => 0.5 + (16 + i) / 100));
    // What main validates: each report passes the IPC schema.
    for (const r of reports) expect(LevelReport.safeParse(r).success).toBe(true);
  });

  it('never lets a level out of the 0..1 range the schema allows, and forgets partners that never come', () => {
    const batcher = new LevelBatcher(2);
    for (let seq = 0; seq < 500; seq++) expect(batcher.push('agent', seq, 0.1)).toBeNull();
    expect(batcher.push('customer', 0, 0.2)).toBeNull(); // agent seq 0 was dropped long ago
    expect(batcher.push('agent', 1000, 3)).toBeNull();
    expect(batcher.push('customer', 1000, Number.NaN)).toBeNull();
    expect(batcher.push('agent', 1001, 0.5)).toBeNull();
    expect(batcher.push('customer', 1001, -1)).toEqual({ agentRms: [1, 0.5], customerRms: [0, 0] });
  });

  it('rms of a full-scale square wave is 1, of silence 0', () => {
    expect(rms(new Float32Array(512).map((_, i) => (i % 2 ? 1 : -1)))).toBe(1);
    expect(rms(new Float32Array(512))).toBe(0);
  });
});
