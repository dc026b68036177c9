// The wire format: audio frames survive encoding, and every malformed frame or message is named.
import { describe, expect, it } from 'vitest';
import { AUDIO_FRAME, decodeAudioFrame, encodeAudioFrame, parseClientMessage, parseServerMessage } from '../../main/contracts/protocol.ts';

describe('audio frames', () => {
  it('round-trips a 32 ms frame', () => {
    const samples = Float32Array.from({ length: AUDIO_FRAME.samples }, (_, i) => Math.sin(i / 10) * 0.5);
    const buf = encodeAudioFrame({ channel: 'customer', seq: 4_000_000_123, startMs: 12_345.5, samples });
    expect(buf.byteLength).toBe(AUDIO_FRAME.bytes);
    const back = decodeAudioFrame(buf);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value).toMatchObject({ channel: 'customer', seq: 4_000_000_123, startMs: 12_345.5 });
    expect(Array.from(back.value.samples)).toEqual(Array.from(samples));
  });

  it('names each way a frame can be wrong', () => {
    const good = new Uint8Array(encodeAudioFrame({ channel: 'agent', seq: 1, startMs: 0, samples: new Float32Array(4) }));
    const cases: [Uint8Array, RegExp][] = [
      [good.slice(0, 10), /shorter than the 16-byte header/],
      [Object.assign(good.slice(), { 0: 9 }), /version 9/],
      [Object.assign(good.slice(), { 1: 7 }), /channel 7/],
      [good.slice(0, good.length - 1), /header says 4 samples/],
    ];
    for (const [bytes, message] of cases) {
      const r = decodeAudioFrame(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    const nan = good.slice();
    new DataView(nan.buffer).setFloat32(16, Number.NaN, true);
    const r = decodeAudioFrame(nan);
    expect(r.ok ? '' : r.error).toMatch(/sample 0 is NaN/);
  });
});

describe('messages', () => {
  it('accepts a valid client message and names the field of an invalid one', () => {
    expect(parseClientMessage('{"type":"tip:ack","tipId":"t1"}')).toEqual({ ok: true, value: { type: 'tip:ack', tipId: 't1' } });
    expect(parseClientMessage('{"type":"tip:ack"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^tipId:/) });
    expect(parseClientMessage('[')).toEqual({ ok: false, error: 'not JSON' });
    expect(parseClientMessage('{"type":"auth:resume","deviceId":"../../etc","proof":"x","lastSeq":0}'))
      .toMatchObject({ ok: false, error: expect.stringMatching(/^deviceId:/) });
  });

  it('refuses server messages the client does not know', () => {
    expect(parseServerMessage('{"type":"sealed:event","seq":-1,"box":"abc"}').ok).toBe(false);
    expect(parseServerMessage('{"type":"session:pong","t":1}').ok).toBe(true);
  });
});

describe('close reasons', () => {
  it('always fit the 123-byte limit of a WebSocket close frame', async () => {
    const { closeReason } = await import('../../main/session/server.ts');
    const reason = closeReason(`malformed message: ${'é'.repeat(200)}`);
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
    expect(reason.startsWith('malformed message: ??')).toBe(true);
  });
});
