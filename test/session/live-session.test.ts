// The whole live path in Node: pair with a code, the agent accepts, tips arrive sealed and
// decrypted, acks clear them everywhere, a dropped device catches up, a revoked one is cut off.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionServer } from '../../main/session/server.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nextEvent, nextServerEvent, nodeClient, pairClient, sampleTip, startServer, waitForStatus, until } from './helpers.ts';
import { memoryCredentials } from '../../renderer/session-client/index.ts';

let server: SessionServer | null = null;
const clients: SessionClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
});

describe('live session', () => {
  it('pairs a device only after the agent accepts, then delivers tips and acks', async () => {
    const s = await startServer();
    server = s.server;
    const client = nodeClient(s.origin, s.wsUrl);
    clients.push(client);
    const { url, offer } = s.server.createPairing(s.origin);
    expect(url).toBe(`${s.origin}/tablet.html#pair=${offer.code}`);

    const requested = nextServerEvent(s.server, 'pair:request');
    client.pair(url);
    const request = await requested;
    expect(request).toMatchObject({ name: 'Test tablet', role: 'viewer', status: 'pending' });
    await waitForStatus(client, 'awaiting-approval');

    // Before the agent accepts, the device gets nothing.
    const early: unknown[] = [];
    client.on('tip', (t) => early.push(t));
    s.server.showTip(sampleTip('early'));
    await new Promise((r) => setTimeout(r, 100));
    expect(early).toEqual([]);

    s.server.acceptDevice(request.deviceId);
    await waitForStatus(client, 'connected');
    // The tip shown before acceptance belongs to this call: it is delivered on acceptance.
    await until(() => early.length === 1, 2_000, 'replayed tip');

    const tipSeen = nextEvent(client, 'tip');
    s.server.showTip(sampleTip('t1', { tip: 'Laat de klant uitpraten.' }));
    expect(await tipSeen).toMatchObject({ id: 't1', tip: 'Laat de klant uitpraten.' });

    const acked = nextServerEvent(s.server, 'tip:ack');
    const cleared = nextEvent(client, 'tip:cleared');
    client.ack('t1');
    expect(await acked).toEqual({ tipId: 't1', deviceId: request.deviceId });
    expect(await cleared).toEqual({ tipId: 't1', by: 'ack' });
  });

  it('sends live state on connect and on change', async () => {
    const s = await startServer();
    server = s.server;
    const { client } = await pairClient(s.server, s.origin, s.wsUrl);
    clients.push(client);
    const live = nextEvent(client, 'live');
    s.server.setLiveState({ callId: 'c1', callMs: 5_000, capture: 'on', speaking: { agent: true, customer: false }, agentTalkShare: 0.4 });
    expect(await live).toMatchObject({ callId: 'c1', capture: 'on', speaking: { agent: true, customer: false }, agentTalkShare: 0.4 });
  });

  it('gives a device paired mid-call no tip whose moment has passed, and says when the call is over', async () => {
    const s = await startServer();
    server = s.server;
    s.server.startCall('mid');
    const atCall = (callMs: number) => s.server.setLiveState({ callId: 'mid', callMs, capture: 'on', speaking: { agent: false, customer: false }, agentTalkShare: null });
    atCall(10_000);
    s.server.showTip(sampleTip('old', { atMs: 10_000, fadesAtMs: 25_000 }));
    s.server.showTip(sampleTip('fresh', { atMs: 20_000, fadesAtMs: 35_000 }));
    atCall(30_000);
    const client = nodeClient(s.origin, s.wsUrl);
    clients.push(client);
    const seen: string[] = [];
    client.on('tip', (t) => seen.push(t.id));
    const { url } = s.server.createPairing(s.origin);
    const requested = nextServerEvent(s.server, 'pair:request');
    client.pair(url);
    s.server.acceptDevice((await requested).deviceId);
    await waitForStatus(client, 'connected');
    await until(() => seen.length === 1, 2_000, 'the fresh tip');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['fresh']);

    // The call ends: every device hears there is no call any more.
    const live = nextEvent(client, 'live');
    s.server.endCall({ callId: 'mid', durationMs: 40_000, agentTalkShare: null, tips: [] });
    expect(await live).toMatchObject({ callId: null, capture: 'off' });
  });

  it('delivers tips missed while disconnected, once, in order', async () => {
    const s = await startServer();
    server = s.server;
    const credentials = memoryCredentials();
    const client = nodeClient(s.origin, s.wsUrl, credentials);
    clients.push(client);
    const { url } = s.server.createPairing(s.origin);
    const requested = nextServerEvent(s.server, 'pair:request');
    client.pair(url);
    s.server.acceptDevice((await requested).deviceId);
    await waitForStatus(client, 'connected');

    const seen: string[] = [];
    client.on('tip', (t) => seen.push(t.id));
    s.server.showTip(sampleTip('a'));
    await until(() => seen.length === 1);

    // Cut the network: the client does not know yet, the server drops the socket.
    const reconnecting = waitForStatus(client, 'reconnecting');
    for (const sock of serverSockets(s.server)) sock.terminate();
    await reconnecting;
    s.server.showTip(sampleTip('b'));
    s.server.showTip(sampleTip('c'));
    await waitForStatus(client, 'connected', 10_000);
    await until(() => seen.length === 3, 5_000, 'missed tips');
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(credentials.load()).not.toBeNull();
  });

  it('cuts a revoked device off and makes it forget its credentials', async () => {
    const s = await startServer();
    server = s.server;
    const credentials = memoryCredentials();
    const client = nodeClient(s.origin, s.wsUrl, credentials);
    clients.push(client);
    const { url } = s.server.createPairing(s.origin);
    const requested = nextServerEvent(s.server, 'pair:request');
    client.pair(url);
    const { deviceId } = await requested;
    s.server.acceptDevice(deviceId);
    await waitForStatus(client, 'connected');
    const stored = credentials.load()!;

    const revoked = waitForStatus(client, 'revoked');
    expect(s.server.revokeDevice(deviceId)).toBe(true);
    await revoked;
    expect(credentials.load()).toBeNull();
    expect(s.server.listDevices().map((d) => d.deviceId)).not.toContain(deviceId);

    // The old credentials no longer open a session.
    const again = nodeClient(s.origin, s.wsUrl, memoryCredentials(stored));
    clients.push(again);
    again.connect();
    await waitForStatus(again, 'revoked');
  });

  it('refuses a device the agent refuses', async () => {
    const s = await startServer();
    server = s.server;
    const client = nodeClient(s.origin, s.wsUrl);
    clients.push(client);
    const requested = nextServerEvent(s.server, 'pair:request');
    client.pair(s.server.createPairing(s.origin).offer.code);
    s.server.refuseDevice((await requested).deviceId);
    await waitForStatus(client, 'refused');
    expect(s.server.listDevices()).toEqual([]);
  });

  it('lets the desktop page (overlay) accept devices and pause capture', async () => {
    const s = await startServer();
    server = s.server;
    const link = s.server.createDesktopLink(s.origin, 'overlay.html');
    const fragment = new URL(link).hash;
    const [deviceId, key] = new URLSearchParams(fragment.slice(1)).get('desktop')!.split('.');
    const desktop = nodeClient(s.origin, s.wsUrl, memoryCredentials({ deviceId: deviceId!, key: key!, role: 'desktop' }));
    clients.push(desktop);
    const lists: number[] = [];
    desktop.on('devices', (d) => lists.push(d.filter((x) => x.status === 'pending').length));
    desktop.connect();
    await waitForStatus(desktop, 'connected');
    expect(desktop.role).toBe('desktop');

    const tablet = nodeClient(s.origin, s.wsUrl);
    clients.push(tablet);
    tablet.pair(s.server.createPairing(s.origin).offer.code);
    await until(() => lists.includes(1), 5_000, 'pending device on the desktop');
    const pending = s.server.listDevices().find((d) => d.status === 'pending')!;
    desktop.acceptDevice(pending.deviceId);
    await waitForStatus(tablet, 'connected');

    const captured = nextServerEvent(s.server, 'capture:set');
    const tabletLive = nextEvent(tablet, 'live');
    desktop.setCapture('paused');
    expect(await captured).toMatchObject({ capture: 'paused' });
    expect((await tabletLive).capture).toBe('paused');
  });
});

function serverSockets(server: SessionServer): { terminate(): void }[] {
  // Test-only window into the server: the sockets it holds, to simulate a dropped network.
  return [...(server as unknown as { connections: Set<{ ws: { terminate(): void } }> }).connections].map((c) => c.ws);
}
