// What keeps a paired device working through trouble: a silent network (heartbeat timeout), a
// server restart (paired devices kept in a file, event numbering restarted), and a server that
// is not who it claims (events sealed with another key are dropped by the client).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { HEARTBEAT_TIMEOUT_MS, PROTOCOL_VERSION, sealedEventAad } from '../../main/contracts/protocol.ts';
import { randomKey, seal, toBase64Url } from '../../main/contracts/sealed.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { memoryCredentials } from '../../renderer/session-client/index.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { fakeClock, nextEvent, nodeClient, pairClient, sampleTip, startServer, until, waitForStatus } from './helpers.ts';

const servers: SessionServer[] = [];
const clients: SessionClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

describe('resilience', () => {
  it('drops a socket that stopped answering, and the device reconnects by itself', async () => {
    const clock = fakeClock();
    const s = await startServer({ now: clock.now });
    servers.push(s.server);
    const { client } = await pairClient(s.server, s.origin, s.wsUrl);
    clients.push(client);
    const dropped = nextEventFromServerRefused(s.server);
    clock.offsetMs += HEARTBEAT_TIMEOUT_MS + 1_000;
    (s.server as unknown as { sweep(): void }).sweep();
    expect(await dropped).toBe('heartbeat timeout');
    clock.offsetMs = 0;
    await waitForStatus(client, 'reconnecting');
    await waitForStatus(client, 'connected', 10_000);
    const tip = nextEvent(client, 'tip');
    s.server.showTip(sampleTip('after-heartbeat'));
    expect((await tip).id).toBe('after-heartbeat');
  });

  it('keeps a paired tablet across a server restart (devices file), and resets event numbering', async () => {
    const devicesFile = join(mkdtempSync(join(tmpdir(), 'kc-restart-')), 'devices.json');
    const first = await startServer({ devicesFile });
    const credentials = memoryCredentials();
    const client = nodeClient(first.origin, first.wsUrl, credentials);
    clients.push(client);
    const requested = new Promise<string>((resolve) => { const off = first.server.on('pair:request', (d) => { off(); resolve(d.deviceId); }); });
    client.pair(first.server.createPairing(first.origin).offer.code);
    first.server.acceptDevice(await requested);
    await waitForStatus(client, 'connected');
    // Push the old server's event numbers well past what the new one will use.
    let oldTips = 0;
    client.on('tip', () => oldTips++);
    for (let i = 0; i < 20; i++) first.server.showTip(sampleTip(`old-${i}`));
    await until(() => oldTips === 20, 5_000, 'old tips');
    const port = first.server.port;
    await first.server.close();
    await waitForStatus(client, 'reconnecting');

    const second = await startServer({ devicesFile, port });
    servers.push(second.server);
    await waitForStatus(client, 'connected', 15_000);
    const tip = nextEvent(client, 'tip');
    second.server.startCall('new');
    second.server.showTip(sampleTip('new-1'));
    expect((await tip).id).toBe('new-1');
  });

  it('drops events that were not sealed with this device key', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as { port: number }).port;
    const deviceId = 'fakedevice01';
    const realKey = randomKey();
    wss.on('connection', (ws) => {
      ws.send(JSON.stringify({ type: 'session:hello', v: PROTOCOL_VERSION, challenge: 'AAAA', epoch: 'e1' }));
      ws.once('message', () => {
        ws.send(JSON.stringify({ type: 'auth:ok', deviceId, role: 'viewer' }));
        const event = JSON.stringify({ type: 'tip:show', tip: sampleTip('forged') });
        // Wrong key, then right key but wrong position (AAD), then a good one.
        ws.send(JSON.stringify({ type: 'sealed:event', seq: 1, box: seal(randomKey(), event, sealedEventAad(deviceId, 1)) }));
        ws.send(JSON.stringify({ type: 'sealed:event', seq: 2, box: seal(realKey, event, sealedEventAad(deviceId, 99)) }));
        const good = JSON.stringify({ type: 'tip:show', tip: sampleTip('genuine') });
        ws.send(JSON.stringify({ type: 'sealed:event', seq: 3, box: seal(realKey, good, sealedEventAad(deviceId, 3)) }));
      });
    });
    const client = nodeClient(`http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}/ws`, memoryCredentials({ deviceId, key: toBase64Url(realKey), role: 'viewer' }));
    clients.push(client);
    const seen: string[] = [];
    client.on('tip', (t) => seen.push(t.id));
    client.connect();
    await until(() => seen.length > 0, 5_000, 'genuine tip');
    expect(seen).toEqual(['genuine']);
    client.close();
    await new Promise((r) => wss.close(r));
  });
});

function nextEventFromServerRefused(server: SessionServer): Promise<string> {
  return new Promise((resolve) => { const off = server.on('refused', (r) => { off(); resolve(r.reason); }); });
}
