// Issue 15, items 3 and 4: nobody may lock the desktop's own pages (overlay, capture page) out.
// - Item 3: unauthenticated sockets from other machines filled every socket slot, so the
//   overlay's resume from 127.0.0.1 got 503. This machine's pages now have slots of their own,
//   and other machines' unauthenticated sockets are few and closed after a short deadline.
// - Item 4: ten pairing requests with made-up codes from 127.0.0.1 made the overlay's resume with
//   its real key fail with 4029 for a minute. Pairing attempts and resumes are limited apart.
// Other machines are played by 127.0.0.2 and up (Linux routes all of 127/8 to this machine).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE } from '../../main/contracts/protocol.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { memoryCredentials } from '../../renderer/session-client/index.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nodeClient, rawSocket, startServer, until, waitForStatus, type RawSocket } from '../session/helpers.ts';

let server: SessionServer;
let origin: string;
let wsUrl: string;
const open: WebSocket[] = [];
const clients: SessionClient[] = [];
beforeEach(async () => { ({ server, origin, wsUrl } = await startServer()); });
afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

/** A socket from another address that never authenticates; resolves with its fate. */
function strangerSocket(fromAddress: string): Promise<{ accepted: boolean; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { origin, localAddress: fromAddress });
    open.push(ws);
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('open', () => resolve({ accepted: true, closed }));
    ws.on('unexpected-response', (_req, res) => { res.resume(); resolve({ accepted: false, closed }); });
    ws.on('error', () => resolve({ accepted: false, closed }));
  });
}

/** The overlay as the app opens it: desktop credentials from its link, resumed from 127.0.0.1. */
async function overlayConnects(): Promise<void> {
  const link = server.createDesktopLink(origin, 'overlay.html', 'Overlay');
  const [deviceId, key] = link.split('#desktop=')[1]!.split('.') as [string, string];
  const overlay = nodeClient(origin, wsUrl, memoryCredentials({ deviceId, key, role: 'desktop' }));
  clients.push(overlay);
  overlay.connect();
  await waitForStatus(overlay, 'connected');
}

describe('socket slots (item 3)', () => {
  it("keeps the overlay's slot free while other machines hold unauthenticated sockets", async () => {
    const strangers = await Promise.all(Array.from({ length: 20 }, (_, i) => strangerSocket(`127.0.0.${2 + (i % 10)}`)));
    expect(strangers.filter((s) => s.accepted)).toHaveLength(4);
    await overlayConnects();
  });

  it("closes other machines' unauthenticated sockets sooner than this machine's", async () => {
    const [stranger, local] = await Promise.all([strangerSocket('127.0.0.2'), rawSocket(wsUrl, { origin })]);
    open.push(local.ws);
    expect(stranger.accepted).toBe(true);
    expect(await stranger.closed).toBe(CLOSE.unauthenticated);
    expect(local.closed).toBeNull(); // opened at the same moment, still within its deadline
  });
});

describe('separate limits for pairing and resuming (item 4)', () => {
  it('twelve made-up pairing codes from this machine do not stop the overlay resuming', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r: RawSocket = await rawSocket(wsUrl, { origin });
      await until(() => r.messages.length > 0);
      r.ws.send(JSON.stringify({ type: 'pair:request', token: `AAAAAAAAAAAAAAAAAAAA${String(i).padStart(2, 'A')}`, deviceName: 'x', publicKey: 'A'.repeat(43), proof: 'AAAA' }));
      await until(() => r.closed !== null);
      codes.push(r.closed!.code);
    }
    expect(codes.at(-1)).toBe(CLOSE.rateLimited); // pairing itself is throttled...
    await overlayConnects(); // ...the desktop's own page is not
  });

  it('twelve failed resumes with made-up devices do not stop the overlay resuming', async () => {
    for (let i = 0; i < 12; i++) {
      const r: RawSocket = await rawSocket(wsUrl, { origin });
      await until(() => r.messages.length > 0);
      r.ws.send(JSON.stringify({ type: 'auth:resume', deviceId: `madeup${String(i).padStart(6, '0')}`, proof: 'AAAA', lastSeq: -1 }));
      await until(() => r.closed !== null);
    }
    await overlayConnects();
  });
});
