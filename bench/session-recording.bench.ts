// What recording a live call costs the live path, on a real store file (WAL + synchronous=FULL,
// so each write is one fsync), and what a supervisor waits for on the review screens mounted in
// the session server while that process also records:
//  1. one agent utterance stored (runs before the phrase rules judge it, so it adds to the tip time
//     of a phrase finding);
//  2. one shown finding stored (runs after the tip went out to the devices);
//  3. GET /review/api/calls and /review/api/calls/:id through the session server's /review/ mount.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../main/contracts/finding.ts';
import { CallRecording } from '../main/session/call-recording.ts';
import { SessionServer } from '../main/session/server.ts';
import { createCallRecorder } from '../main/store/call-recorder.ts';
import { openStore } from '../main/store/open-store.ts';
import { addSupervisor } from '../main/store/supervisors.ts';
import { hashPassword } from '../main/review/password.ts';
import { createReviewHandler } from '../main/review/review-handler.ts';
import { fmt, median, percentile } from './stats.ts';

const CALLS = 200;
const PER_CALL = 20;
const HTTP_RUNS = 40;

function report(label: string, ms: number[]): void {
  console.log(`  ${label.padEnd(62)} median ${fmt(median(ms))} ms  p95 ${fmt(percentile(ms, 95))} ms  (n=${ms.length})`);
}

const finding = (i: number, u: { startMs: number; endMs: number; text: string }): Finding => ({
  kind: i % 3 === 0 ? 'praise' : 'flag', behaviour: i % 3 === 0 ? 'begrip_tonen' : 'verschuilen', ruleId: `bench.rule.${i % 5}`,
  atMs: u.endMs, tip: 'Neem zelf eigenaarschap.', severity: 'medium', source: 'text',
  span: { startChar: 0, endChar: 11, text: 'de directie' }, utterance: u, rangeMs: { startMs: u.startMs, endMs: u.endMs },
});

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kc-bench-recording-'));
  const store = openStore(join(dir, 'calls.sqlite'));
  try {
    console.log(`session recording (store on ${dir}, ${CALLS} calls x ${PER_CALL} utterances and findings)`);
    const recorder = createCallRecorder(store);
    const utteranceMs: number[] = [];
    const findingMs: number[] = [];
    let lastCall = '';
    for (let c = 0; c < CALLS; c++) {
      lastCall = `bench-call-${c}`;
      const recording = new CallRecording({ recorder, callId: lastCall, agentId: `agent-${c % 10}`, log: (l) => { throw new Error(l); } });
      for (let i = 0; i < PER_CALL; i++) {
        const u = { startMs: i * 2000, endMs: i * 2000 + 1500, text: `de directie heeft besloten dat het zo is ${i}` };
        let t = performance.now();
        recording.utterance(u);
        utteranceMs.push(performance.now() - t);
        const f = finding(i, u);
        recording.finding(f);
        t = performance.now();
        recording.cue({ type: 'show', cue: { id: `${f.ruleId}@${f.atMs}`, finding: f, shownAtMs: f.atMs } });
        findingMs.push(performance.now() - t);
      }
      recording.ended({ callId: lastCall, durationMs: PER_CALL * 2000, agentTalkShare: 0.5, tips: [] });
    }
    report('utterance stored (before the phrase rules)', utteranceMs);
    report('shown finding stored (after the tip is sent)', findingMs);

    addSupervisor(store, 'bench', await hashPassword('bench-wachtwoord-123'));
    const server = new SessionServer({
      staticDir: dir,
      review: { basePath: '/review', lanAccess: false, handler: createReviewHandler({ store, staticDir: dir, basePath: '/review' }) },
    });
    const { port } = await server.listen();
    const origin = `http://127.0.0.1:${port}`;
    try {
      const signIn = await fetch(`${origin}/review/api/session`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ username: 'bench', password: 'bench-wachtwoord-123' }),
      });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      for (const [label, path] of [['GET /review/api/calls (first page)', '/review/api/calls'], ['GET /review/api/calls/:id (timeline)', `/review/api/calls/${lastCall}`]] as const) {
        const ms: number[] = [];
        for (let i = 0; i < HTTP_RUNS; i++) {
          const t = performance.now();
          const res = await fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
          ms.push(performance.now() - t);
        }
        report(`${label}, session server mount`, ms);
      }
    } finally {
      await server.close();
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
