// The review screens mounted inside the session server (/review/): the session server's Host rule
// still holds in front of them, other machines are refused unless the mount allows the network,
// the review handler's own Origin rule holds, and nothing outside /review/ reaches the handler.
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createReviewHandler } from '../../main/review/review-handler.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { openStore } from '../../main/store/open-store.ts';
import { startServer } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'kc-review-mount-'));
const store = openStore(join(dir, 'calls.sqlite'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

let server: SessionServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const lanAddress = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

async function mounted(lanAccess: boolean, hostNames: string[] = []): Promise<{ port: number }> {
  const s = await startServer({
    bindHost: lanAccess || hostNames.length > 0 ? '0.0.0.0' : '127.0.0.1',
    hostNames,
    review: { basePath: '/review', lanAccess, handler: createReviewHandler({ store, staticDir: dir, basePath: '/review' }) },
  });
  server = s.server;
  return { port: s.server.port };
}

/** A raw request, so the test can send any Host and Origin (fetch may not). */
function get(address: string, port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('review screens mounted in the session server', () => {
  it('answers under /review/ on this machine (sign-in required), and nowhere else', async () => {
    const { port } = await mounted(false);
    const host = { Host: `127.0.0.1:${port}` };
    expect((await get('127.0.0.1', port, '/review/api/calls', host)).status).toBe(401);
    expect((await get('127.0.0.1', port, '/review/api/session', host)).status).toBe(401);
    // A look-alike path is the session server's own static 404, not the review API.
    const lookalike = await get('127.0.0.1', port, '/reviewx/api/calls', host);
    expect(lookalike.status).toBe(404);
    expect(lookalike.text).not.toContain('niet ingelogd');
  });

  it('keeps the Host rule in front of the review screens (DNS rebinding)', async () => {
    const { port } = await mounted(false);
    expect((await get('127.0.0.1', port, '/review/api/calls', { Host: `evil.example:${port}` })).status).toBe(421);
    expect((await get('127.0.0.1', port, '/review/', { Host: `127.0.0.1:${port + 1}` })).status).toBe(421);
  });

  it('refuses a cross-site sign-in (Origin of another site)', async () => {
    const { port } = await mounted(false);
    const res = await get('127.0.0.1', port, '/review/api/session', {
      Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'Content-Type': 'application/json',
    }, 'POST', JSON.stringify({ username: 'sanne', password: 'lang-genoeg-wachtwoord' }));
    expect(res.status).toBe(403);
  });

  it.skipIf(!lanAddress)('refuses other machines unless the mount opens the review screens to the network', async () => {
    // Connecting to our own LAN address makes the server see a non-loopback peer address.
    const closed = await mounted(false, [lanAddress!]);
    const viaLan = { Host: `${lanAddress}:${closed.port}` };
    expect((await get(lanAddress!, closed.port, '/review/api/calls', viaLan)).status).toBe(403);
    // The tablet pages on the same address are still served to the network.
    expect((await get(lanAddress!, closed.port, '/tablet.html', viaLan)).status).toBe(200);
    await server!.close();
    server = null;

    const open = await mounted(true, [lanAddress!]);
    expect((await get(lanAddress!, open.port, '/review/api/calls', { Host: `${lanAddress}:${open.port}` })).status).toBe(401);
  });
});
if (!lanAddress) console.log('review mount LAN test skipped: this machine has no non-loopback IPv4 address');
