// Issue 15, item 5: the engine listened on the LAN all the time, also with no tablet anywhere.
// Now the network listener is open only while a pairing code is valid or a tablet is paired
// (or waiting for the agent), unless `serve --host` asks for it all the time.
// The "LAN address" here is 127.0.0.2: the whole of 127/8 reaches this machine on Linux, and a
// listener on 127.0.0.1 does not answer on it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../main/cli/serve.ts';
import { sessionServerNetwork } from '../../main/cli/serve-network.ts';
import type { SessionServer } from '../../main/session/server.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nodeClient, startServer, tabletPageAnswers, until, waitForStatus } from '../session/helpers.ts';

const LAN = '127.0.0.2';
let server: SessionServer;
const clients: SessionClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
});

/** Whether anything answers on the LAN address. */
const lanAnswers = () => tabletPageAnswers(`http://${LAN}:${server.port}`);

/** Pairs a tablet over the LAN address (opened by the code) and waits until it is connected. */
async function pairOverLan(): Promise<{ tablet: SessionClient; deviceId: string }> {
  const origin = `http://${LAN}:${server.port}`;
  const tablet = nodeClient(origin, `ws://${LAN}:${server.port}/ws`);
  clients.push(tablet);
  const requested = new Promise<string>((resolve) => { const off = server.on('pair:request', (d) => { off(); resolve(d.deviceId); }); });
  const { url } = server.createPairing(origin);
  await server.lanSettled();
  tablet.pair(url);
  const deviceId = await requested;
  server.acceptDevice(deviceId);
  await waitForStatus(tablet, 'connected');
  return { tablet, deviceId };
}

describe('network listener while pairing (item 5)', () => {
  it('is closed at start, opens for a pairing code and closes when the code expires', async () => {
    ({ server } = await startServer({ lan: { host: LAN, when: 'while-pairing' }, pairingTtlMs: 400 }));
    expect(await lanAnswers()).toBe(false);
    expect(server.lanOpen).toBe(false);
    server.createPairing(`http://${LAN}:${server.port}`);
    await server.lanSettled();
    expect(await lanAnswers()).toBe(true);
    await until(() => !server.lanOpen, 5_000, 'the listener to close after the code expired');
    expect(await lanAnswers()).toBe(false);
  });

  it('stays open while a tablet is paired, and closes when it is revoked', async () => {
    const ttlMs = 2_000;
    ({ server } = await startServer({ lan: { host: LAN, when: 'while-pairing' }, pairingTtlMs: ttlMs }));
    const { tablet, deviceId } = await pairOverLan();
    await new Promise((resolve) => setTimeout(resolve, ttlMs + 300)); // the code has expired by now
    expect(await lanAnswers()).toBe(true);
    server.revokeDevice(deviceId);
    await until(() => !server.lanOpen, 5_000, 'the listener to close after the revoke');
    expect(await lanAnswers()).toBe(false);
    await waitForStatus(tablet, 'revoked');
  });

  it('is open from the start after a restart when a tablet is still paired, so the tablet can come back', async () => {
    const devicesFile = join(mkdtempSync(join(tmpdir(), 'kc-lan-devices-')), 'devices.json');
    ({ server } = await startServer({ lan: { host: LAN, when: 'while-pairing' }, devicesFile }));
    const { tablet, deviceId } = await pairOverLan();
    tablet.close();
    await server.close();

    // The engine starts again (the app restarted): no code is open, but the tablet is still paired.
    ({ server } = await startServer({ lan: { host: LAN, when: 'while-pairing' }, devicesFile }));
    expect(server.lanOpen).toBe(true);
    expect(await lanAnswers()).toBe(true);
    // With no tablet left, the next start keeps the network closed.
    server.revokeDevice(deviceId);
    await server.close();
    ({ server } = await startServer({ lan: { host: LAN, when: 'while-pairing' }, devicesFile }));
    expect(await lanAnswers()).toBe(false);
  });

  it("is open from the start when told so ('always', serve --host)", async () => {
    ({ server } = await startServer({ lan: { host: LAN, when: 'always' } }));
    expect(await lanAnswers()).toBe(true);
  });
});

describe('serve: which network', () => {
  it('by default opens the LAN address only while pairing; --host keeps it open; --local never opens it', () => {
    const lanDefault = parseServeArgs([]).network;
    expect(lanDefault.always).toBe(false);
    if (lanDefault.lanHost) expect(sessionServerNetwork(lanDefault)).toEqual({ bindHost: '127.0.0.1', lan: { host: lanDefault.lanHost, when: 'while-pairing' } });
    expect(sessionServerNetwork(parseServeArgs(['--host', '10.0.0.5']).network)).toEqual({ bindHost: '127.0.0.1', lan: { host: '10.0.0.5', when: 'always' } });
    expect(sessionServerNetwork(parseServeArgs(['--local']).network)).toEqual({ bindHost: '127.0.0.1', hostNames: [] });
    expect(sessionServerNetwork(parseServeArgs(['--host', '0.0.0.0']).network)).toMatchObject({ bindHost: '0.0.0.0' });
    expect(() => parseServeArgs(['--local', '--host', '10.0.0.5'])).toThrow(/contradict/);
  });

  it('prints a pairing code at start unless the app asks for codes on request', () => {
    expect(parseServeArgs(['--local']).pairAtStart).toBe(true);
    expect(parseServeArgs(['--local', '--pair-on-request']).pairAtStart).toBe(false);
  });
});
