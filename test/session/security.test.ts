// Attacks from the LAN and from other web pages: each one is refused, and the device that is
// already paired keeps receiving tips throughout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { CLOSE, MAX_MESSAGE_BYTES, pairProofAad, proofAad } from '../../main/contracts/protocol.ts';
import { newExchangeKeys } from '../../main/contracts/pairing-exchange.ts';
import { pairingKeyFromCode, pairingTokenFromCode, randomKey, seal } from '../../main/contracts/sealed.ts';
import type { SessionServer } from '../../main/session/server.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { fakeClock, nextEvent, nodeClient, pairClient, rawSocket, sampleTip, startServer, until, waitForStatus, type Clock, type RawSocket } from './helpers.ts';

let server: SessionServer;
let origin: string;
let wsUrl: string;
let paired: SessionClient;
let clock: Clock;
const extra: SessionClient[] = [];
const raws: RawSocket[] = [];
let tipCounter = 0;

beforeEach(async () => {
  clock = fakeClock();
  ({ server, origin, wsUrl } = await startServer({ now: clock.now }));
  ({ client: paired } = await pairClient(server, origin, wsUrl));
});

afterEach(async () => {
  for (const c of [paired, ...extra.splice(0)]) c.close();
  for (const r of raws.splice(0)) r.ws.terminate();
  await server.close();
});

/** The paired device still gets a freshly shown tip. */
async function pairedStillServed(): Promise<void> {
  expect(paired.status).toBe('connected');
  const id = `still-${++tipCounter}`;
  const seen = nextEvent(paired, 'tip');
  server.showTip(sampleTip(id));
  expect((await seen).id).toBe(id);
}

async function raw(headers: { origin?: string; host?: string } = {}): Promise<RawSocket> {
  const r = await rawSocket(wsUrl, { origin, ...headers });
  raws.push(r);
  await until(() => r.messages.length > 0, 5_000, 'hello');
  return r;
}

function challengeOf(r: RawSocket): string {
  const hello = r.messages[0]!;
  expect(hello.type).toBe('session:hello');
  return hello.challenge as string;
}

describe('session security', () => {
  it('refuses a wrong pairing code', async () => {
    const stranger = nodeClient(origin, wsUrl);
    extra.push(stranger);
    server.createPairing(origin);
    stranger.pair('ABCDE-FGHJK-MNPQR-STVWX-YZ012');
    await waitForStatus(stranger, 'refused');
    expect(server.listDevices()).toHaveLength(1);
    await pairedStillServed();
  });

  it('refuses an expired pairing code', async () => {
    const { offer } = server.createPairing(origin);
    clock.offsetMs += 121_000;
    const late = nodeClient(origin, wsUrl);
    extra.push(late);
    late.pair(offer.code);
    await waitForStatus(late, 'refused');
    expect(server.listDevices().filter((d) => d.status === 'pending')).toEqual([]);
    await pairedStillServed();
  });

  it('refuses a replayed pairing code, and a captured pairing request sent again', async () => {
    const { offer } = server.createPairing(origin);
    const first = await raw();
    const token = pairingTokenFromCode(offer.code);
    const key = pairingKeyFromCode(offer.code);
    const { publicKey } = newExchangeKeys();
    const request = { type: 'pair:request', token, deviceName: 'Tablet', publicKey, proof: seal(key, challengeOf(first), pairProofAad(token, publicKey)) };
    first.ws.send(JSON.stringify(request));
    await until(() => first.messages.some((m) => m.type === 'pair:pending'));

    // An eavesdropper replays the exact same frame on a new socket.
    const replay = await raw();
    replay.ws.send(JSON.stringify(request));
    await until(() => replay.closed !== null, 5_000, 'replay closed');
    expect(replay.messages.find((m) => m.type === 'pair:refused')?.reason).toMatch(/already used/);
    expect(replay.closed!.code).toBe(CLOSE.refused);

    // The same code typed again on another device is refused as used, too.
    const again = nodeClient(origin, wsUrl);
    extra.push(again);
    again.pair(offer.code);
    await waitForStatus(again, 'refused');
    await pairedStillServed();
  });

  it('refuses a valid token whose proof was made without the key', async () => {
    const { offer } = server.createPairing(origin);
    const r = await raw();
    const token = pairingTokenFromCode(offer.code);
    const { publicKey } = newExchangeKeys();
    r.ws.send(JSON.stringify({ type: 'pair:request', token, deviceName: 'x', publicKey, proof: seal(randomKey(), challengeOf(r), pairProofAad(token, publicKey)) }));
    await until(() => r.closed !== null);
    expect(r.closed!.code).toBe(CLOSE.refused);
    await pairedStillServed();
  });

  it('refuses to resume a device with a proof from another key', async () => {
    const deviceId = server.listDevices()[0]!.deviceId;
    const r = await raw();
    r.ws.send(JSON.stringify({ type: 'auth:resume', deviceId, lastSeq: -1, proof: seal(randomKey(), challengeOf(r), proofAad('resume', deviceId)) }));
    await until(() => r.closed !== null);
    expect(r.closed!.code).toBe(CLOSE.unauthenticated);
    expect(r.messages.some((m) => m.type === 'sealed:event')).toBe(false);
    await pairedStillServed();
  });

  it('sends an unpaired socket nothing but the hello, and closes it after the deadline', async () => {
    const r = await raw();
    server.showTip(sampleTip('secret'));
    server.setLiveState({ callId: 'c', callMs: 1, capture: 'on', speaking: { agent: true, customer: false }, agentTalkShare: 0.5 });
    await until(() => r.closed !== null, 8_000, 'auth deadline');
    expect(r.messages.map((m) => m.type)).toEqual(['session:hello']);
    expect(r.closed!.code).toBe(CLOSE.unauthenticated);
    await pairedStillServed();
  });

  it('closes a socket that sends an oversized message', async () => {
    const r = await raw();
    r.ws.send(JSON.stringify({ type: 'session:ping', t: 1, pad: 'x'.repeat(MAX_MESSAGE_BYTES + 10) }));
    await until(() => r.closed !== null);
    expect(r.closed!.code).toBe(CLOSE.tooBig);
    await pairedStillServed();
  });

  it.each([
    ['not JSON', '{"type": "pair:requ'],
    ['unknown type', JSON.stringify({ type: 'engine:shutdown' })],
    ['wrong field types', JSON.stringify({ type: 'auth:resume', deviceId: 42, proof: [], lastSeq: 'x' })],
    ['an action before authentication', JSON.stringify({ type: 'device:revoke', deviceId: 'aaaaaaaaaaaa' })],
  ])('closes a socket that sends a malformed message (%s)', async (_what, frame) => {
    const r = await raw();
    r.ws.send(frame);
    await until(() => r.closed !== null);
    expect([CLOSE.policy, CLOSE.unauthenticated]).toContain(r.closed!.code);
    expect(server.listDevices()).toHaveLength(1);
    await pairedStillServed();
  });

  it('refuses binary audio from a socket that is not the desktop', async () => {
    const r = await raw();
    r.ws.send(new Uint8Array(2064));
    await until(() => r.closed !== null);
    expect(r.closed!.code).toBe(CLOSE.policy);
    await pairedStillServed();
  });

  it('refuses a WebSocket from a foreign Origin, or with no Origin', async () => {
    await expect(rawSocket(wsUrl, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(rawSocket(wsUrl, { origin: origin.replace(/:\d+$/, ':1') })).rejects.toThrow(/403/);
    await expect(new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      ws.on('open', resolve);
      ws.on('unexpected-response', (_q, res) => reject(new Error(String(res.statusCode))));
      ws.on('error', reject);
    })).rejects.toThrow(/403/);
    await pairedStillServed();
  });

  it('refuses a foreign Host (DNS rebinding) on HTTP and WebSocket', async () => {
    const port = server.port;
    // fetch() will not send a foreign Host header; a plain request can, as a rebinding page would.
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/tablet.html', headers: { host: `attacker.example:${port}` } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); })
        .on('error', reject).end();
    });
    expect(status).toBe(421);
    await expect(rawSocket(wsUrl, { origin: `http://attacker.example:${port}`, host: `attacker.example:${port}` })).rejects.toThrow(/403/);
    const ok = await fetch(`http://127.0.0.1:${port}/tablet.html`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    await pairedStillServed();
  });

  it('closes a socket that floods messages', async () => {
    const r = await raw();
    for (let i = 0; i < 200; i++) r.ws.send(JSON.stringify({ type: 'session:ping', t: i }));
    await until(() => r.closed !== null);
    expect(r.closed!.code).toBe(CLOSE.rateLimited);
    await pairedStillServed();
  });

  it('throttles pairing attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await raw();
      r.ws.send(JSON.stringify({ type: 'pair:request', token: 'AAAAAAAAAAAAAAAAAAAAAA', deviceName: 'x', publicKey: 'A'.repeat(43), proof: 'AAAA' }));
      await until(() => r.closed !== null);
      codes.push(r.closed!.code);
    }
    expect(codes.slice(0, 9).every((c) => c === CLOSE.refused)).toBe(true);
    expect(codes.at(-1)).toBe(CLOSE.rateLimited);
    await pairedStillServed();
  });

  it('refuses actions a tablet may not take (capture, devices)', async () => {
    // The paired tablet itself tries to revoke others: it is cut off for a policy violation,
    // and reconnects as an ordinary viewer.
    paired.revokeDevice(server.listDevices()[0]!.deviceId);
    await waitForStatus(paired, 'reconnecting');
    await waitForStatus(paired, 'connected', 10_000);
    expect(server.listDevices()).toHaveLength(1);
    await pairedStillServed();
  });

  it('does not serve files outside the views folder', async () => {
    const port = server.port;
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status).toBe(404);
    }
  });
});
