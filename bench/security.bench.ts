// What the issue-15 mends cost where people feel it:
// 1. Review sign-in with the right password, through the real handler over HTTP with the
//    production scrypt cost: the attempt is now reserved before hashing; that must not slow the
//    right password down.
// 2. Pairing a tablet, code typed → the agent's answer possible ("pair:pending") → connected:
//    now with an X25519 exchange on both ends and the six-digit code.
// 3. The purge with secure_delete, the incremental vacuum and the WAL truncation, on a store
//    with 2,000 calls whose words expire at once.
// Tip latency (finding → tip on the tablet) is `npm run bench -- session`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../main/store/open-store.ts';
import { addSupervisor } from '../main/store/supervisors.ts';
import { createCallRecorder } from '../main/store/call-recorder.ts';
import { purgeExpired } from '../main/store/retention.ts';
import { hashPassword } from '../main/review/password.ts';
import { createReviewHandler } from '../main/review/review-handler.ts';
import { SessionServer } from '../main/session/server.ts';
import { createSessionClient, memoryCredentials } from '../renderer/session-client/index.ts';
import { waitForStatus, wsWithOrigin } from '../test/session/helpers.ts';
import { fmt, median, percentile } from './stats.ts';

const PASSWORD = 'een lang genoeg wachtwoord';

async function signIn(dir: string): Promise<void> {
  const store = openStore(join(dir, 'signin.sqlite'));
  addSupervisor(store, 'sanne', await hashPassword(PASSWORD)); // production cost (logN 15)
  const handler = createReviewHandler({ store, staticDir: dir });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/session`;
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sanne', password: PASSWORD }) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    return performance.now() - t0;
  };
  await once();
  const ms: number[] = [];
  for (let i = 0; i < 15; i++) ms.push(await once());
  console.log(`review sign-in, right password, scrypt logN 15 (15 runs): median ${fmt(median(ms), 1)} ms, p95 ${fmt(percentile(ms, 95), 1)} ms`);
  server.close();
  store.close();
}

async function pairing(dir: string): Promise<void> {
  const ms: number[] = [];
  // A server allows 10 pairing attempts a minute from one address: 3 servers, 1 warm-up each.
  for (let s = 0; s < 3; s++) {
    const server = new SessionServer({ staticDir: dir });
    const { origin, port } = await server.listen();
    server.on('pair:request', (d) => server.acceptDevice(d.deviceId));
    for (let i = 0; i < 8; i++) {
      const client = createSessionClient({ url: `ws://127.0.0.1:${port}/ws`, credentials: memoryCredentials(), deviceName: 'Bench', WebSocketImpl: wsWithOrigin(origin) });
      const { url } = server.createPairing(origin);
      const t0 = performance.now();
      client.pair(url);
      await waitForStatus(client, 'connected');
      if (i > 0) ms.push(performance.now() - t0);
      client.close();
    }
    await server.close();
  }
  console.log(`pairing over loopback, code → connected, agent answers at once (${ms.length} runs): median ${fmt(median(ms), 1)} ms, p95 ${fmt(percentile(ms, 95), 1)} ms`);
}

function purge(dir: string): void {
  const clock = { ms: Date.UTC(2026, 10, 1) };
  const store = openStore(join(dir, 'purge.sqlite'), { now: () => clock.ms });
  const rec = createCallRecorder(store);
  for (let c = 0; c < 2_000; c++) {
    const id = rec.startCall({ agentId: 'anna' });
    for (let u = 0; u < 5; u++) rec.recordUtterance(id, { startMs: u * 1000, endMs: u * 1000 + 900, text: `dat valt toch wel mee, zin ${u} van gesprek ${c}` });
    rec.endCall(id);
  }
  clock.ms += 31 * 86_400_000;
  const t0 = performance.now();
  const result = purgeExpired(store);
  console.log(`retention purge of 10,000 snippets (secure delete, vacuum, WAL truncated): ${fmt(performance.now() - t0, 0)} ms (${result.snippetsErased} erased)`);
  store.close();
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kc-bench-security-'));
  try {
    await signIn(dir);
    await pairing(dir);
    purge(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
