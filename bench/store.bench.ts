// Call store figures, on a real file on local disk (WAL + synchronous=FULL, so every commit is
// an fsync):
//  1. findings written per second by the live recorder, one commit per finding as in a call;
//  2. time to open the review list (first page, counts per call) with 10,000 calls stored, warm
//     and after a fresh open, with and without a behaviour filter, and through the HTTP API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openStore, type CallStore } from '../main/store/open-store.ts';
import { createCallRecorder } from '../main/store/call-recorder.ts';
import { listCalls } from '../main/store/call-list.ts';
import { addSupervisor } from '../main/store/supervisors.ts';
import { hashPassword } from '../main/review/password.ts';
import { createReviewHandler } from '../main/review/review-handler.ts';
import type { Finding } from '../main/contracts/finding.ts';
import { fmt, median, percentile } from './stats.ts';

const CALLS = 10_000;
const WRITES = 400;
const LIST_RUNS = 40;

const finding = (i: number): Finding => ({
  kind: i % 4 === 0 ? 'praise' : 'flag',
  behaviour: i % 4 === 0 ? 'begrip_tonen' : (['verschuilen', 'bagatelliseren', 'onderbreken'] as const)[i % 3]!,
  ruleId: `bench.rule.${i % 7}`,
  atMs: 1000 + i * 700,
  tip: 'Neem zelf eigenaarschap.',
  severity: 'medium',
  source: 'text',
  span: { startChar: 0, endChar: 11, text: 'de directie' },
  utterance: { startMs: i * 700, endMs: i * 700 + 900, text: `de directie vindt dat ${i}` },
  rangeMs: { startMs: i * 700, endMs: i * 700 + 900 },
});

function report(label: string, ms: number[]): void {
  console.log(`  ${label.padEnd(52)} median ${fmt(median(ms))} ms  p95 ${fmt(percentile(ms, 95))} ms  (n=${ms.length})`);
}

function benchWrites(store: CallStore): void {
  const rec = createCallRecorder(store);
  const callId = rec.startCall({ agentId: 'bench' });
  const perWrite: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < WRITES; i++) {
    const t = performance.now();
    rec.recordFinding(callId, finding(i));
    perWrite.push(performance.now() - t);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  findings written per second (one commit each):       ${fmt(WRITES / seconds, 0)} /s  (median rate ${fmt(1000 / median(perWrite), 0)} /s)`);
  report('time per recordFinding (commit + fsync)', perWrite);
}

function seed(store: CallStore): void {
  const rec = createCallRecorder(store);
  const start = Date.now() - 200 * 86_400_000;
  // One transaction for the seed only: this is fixture set-up, not what is being measured.
  store.db.transaction(() => {
    for (let c = 0; c < CALLS; c++) {
      const id = rec.startCall({ agentId: `agent-${c % 40}`, startedAtMs: start + c * 1_700_000 });
      for (let i = 0; i < 3; i++) rec.recordFinding(id, finding(c + i));
      rec.endCall(id, { endedAtMs: start + c * 1_700_000 + 240_000, agentTalkShare: 0.5 });
    }
  })();
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export default async function storeBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kc-store-bench-'));
  try {
    const file = join(dir, 'calls.sqlite');
    let store = openStore(file);
    benchWrites(store);

    const seedMs = time(() => seed(store));
    console.log(`  seeded ${CALLS} calls with ${CALLS * 3} findings in ${fmt(seedMs / 1000, 1)} s`);
    const warm: number[] = [];
    const filtered: number[] = [];
    const agentFiltered: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) {
      warm.push(time(() => listCalls(store, {}, { limit: 50 })));
      filtered.push(time(() => listCalls(store, { behaviour: 'onderbreken' }, { limit: 50 })));
      agentFiltered.push(time(() => listCalls(store, { agentId: 'agent-7', fromMs: Date.now() - 90 * 86_400_000 }, { limit: 50 })));
    }
    report(`review list, first page of ${CALLS} calls (warm)`, warm);
    report('review list, filtered by behaviour (warm)', filtered);
    report('review list, filtered by agent + date (warm)', agentFiltered);

    store.close();
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      cold.push(time(() => {
        const s = openStore(file);
        listCalls(s, {}, { limit: 50 });
        s.close();
      }));
    }
    report('open store + first page (fresh connection)', cold);

    store = openStore(file);
    addSupervisor(store, 'bench', await hashPassword('bench wachtwoord', { logN: 12, r: 8, p: 1 }));
    const handler = createReviewHandler({ store, staticDir: dir });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const signIn = await fetch(`${base}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench wachtwoord' }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const http: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) {
      const t = performance.now();
      const res = await fetch(`${base}api/calls`, { headers: { cookie } });
      await res.json();
      http.push(performance.now() - t);
    }
    report('GET /api/calls over HTTP, JSON parsed', http);
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
