// The demo as a new user meets it (issue 14), two figures:
// 1. `npm run demo` to the first tip on a paired tablet. `klachtcoach demo --local --port 0` is
//    started as a user starts it (temporary call store, the sample call in real time), a tablet
//    (a Node session client) pairs from the printed link the moment it appears and is accepted
//    at once (`j` in the terminal), and the clock stops when the first tip arrives. Split into:
//    start → pairing link printed, link → paired, paired → first tip (the call runs meanwhile).
// 2. How many of a demo call's moments are shown live: the first call's summary, as the tablet
//    gets it at the call's end: every finding (observed) against the tips shown, and how many the
//    coach held back for lower certainty.
// Medians over RUNS runs (KLACHTCOACH_BENCH_RUNS, default 3); each run plays one 43-s call.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CallSummary } from '../main/contracts/protocol.ts';
import { nodeClient, waitForStatus } from '../test/session/helpers.ts';
import { freshEngineBundle } from '../test/app/engine-bundle.ts';
import { fmt, median } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.KLACHTCOACH_BENCH_RUNS ?? 3);

interface Run {
  linkMs: number;
  pairedMs: number;
  firstTipMs: number;
  firstTipCallMs: number;
  summary: CallSummary;
}

function waitFor(test: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const t = setInterval(() => {
      if (test()) { clearInterval(t); done(); } else if (performance.now() - started > timeoutMs) { clearInterval(t); fail(new Error(`demo bench: no ${what} within ${timeoutMs} ms`)); }
    }, 5);
  });
}

async function oneRun(): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/klachtcoach.mjs', 'demo', '--local', '--port', '0'], {
    cwd: ROOT, env: { ...process.env, KLACHTCOACH_STDIN_COMMANDS: '1' }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const client = { current: null as ReturnType<typeof nodeClient> | null };
  try {
    await waitFor(() => /tablet\.html#pair=/.test(out), 'pairing link', 120_000);
    const linkMs = performance.now() - t0;
    const link = /(http:\/\/127\.0\.0\.1:\d+\/tablet\.html#pair=[0-9A-Z-]+)/.exec(out)![1]!;
    const origin = new URL(link).origin;
    const c = nodeClient(origin, `${origin.replace('http', 'ws')}/ws`);
    client.current = c;
    let firstTip: { atMs: number; receivedMs: number } | null = null;
    let summary: CallSummary | null = null;
    c.on('tip', (t) => { firstTip ??= { atMs: t.atMs, receivedMs: performance.now() - t0 }; });
    c.on('call:end', (s) => { summary ??= s; });
    c.pair(link);
    await waitFor(() => /wants to pair/.test(out), 'pairing request', 10_000);
    child.stdin.write('j\n');
    await waitForStatus(c, 'connected', 10_000);
    const pairedMs = performance.now() - t0;
    await waitFor(() => firstTip !== null, 'first tip', 120_000);
    await waitFor(() => summary !== null, 'end of the first call', 120_000);
    return { linkMs, pairedMs, firstTipMs: firstTip!.receivedMs, firstTipCallMs: firstTip!.atMs, summary: summary! };
  } finally {
    client.current?.close();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

export default async function demoBench(): Promise<void> {
  freshEngineBundle(); // npm run demo runs the bundle: measure today's code, never a stale build
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
  const s = (ms: number): string => `${fmt(ms / 1000, 1)} s`;
  console.log(`npm run demo → first tip on a paired tablet (pairing accepted at once), median of ${RUNS}: ${s(median(runs.map((r) => r.firstTipMs)))}`);
  console.log(`  start → pairing link printed ${s(median(runs.map((r) => r.linkMs)))}; → paired ${s(median(runs.map((r) => r.pairedMs)))}; first tip's moment in the sample call ${s(median(runs.map((r) => r.firstTipCallMs)))}`);
  const summary = runs[0]!.summary;
  const observed = summary.observed ?? [];
  const moments = observed.reduce((n, o) => n + o.count, 0);
  const shown = summary.tips.length;
  const unsure = observed.reduce((n, o) => n + (o.lowConfidence ?? 0), 0);
  const byKind = (kind: 'flag' | 'praise') => `${observed.filter((o) => o.kind === kind).reduce((n, o) => n + (o.shown ?? 0), 0)} of ${observed.filter((o) => o.kind === kind).reduce((n, o) => n + o.count, 0)}`;
  console.log(`demo call moments shown live: ${shown} of ${moments} (flags ${byKind('flag')}, praise ${byKind('praise')}); held back for lower certainty: ${unsure}`);
  const same = runs.every((r) => r.summary.tips.length === shown);
  if (!same) console.log(`  (runs differ: ${runs.map((r) => r.summary.tips.length).join(', ')} shown; the coach runs on wall-clock time)`);
}
