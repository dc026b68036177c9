// Kill -9 harness (research/security.md §6): a child records findings and is killed with SIGKILL
// at seeded random moments, again and again on the same file. After every kill the database must
// pass integrity_check and foreign_key_check, and every write the child acknowledged (printed
// after its commit returned) must be there, acknowledged flags included.
// CRASH_ITERATIONS (default 50; the machines are shared and each child takes ~1 s to start) and CRASH_SEED (default 20261127) make runs longer or replay one.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { openStore } from '../../main/store/open-store.ts';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 50);
const SEED = Number(process.env.CRASH_SEED ?? 20261127);

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

async function bundleWriter(): Promise<string> {
  // Inside the repo so the bundle resolves better-sqlite3 (a native module) from node_modules.
  const outDir = resolve('.cache/store-crash');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'crash-writer.mjs');
  await build({
    entryPoints: [resolve('test/store/crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

interface Acked {
  findings: Map<number, string>;
  acknowledged: Set<number>;
  startedCalls: Set<string>;
  endedCalls: Set<string>;
}

/**
 * Runs the writer once and SIGKILLs it `delayMs` after it has opened the store, or, with
 * `fromSpawn`, `delayMs` after spawning (so some kills land in start-up, open and migration).
 */
function runAndKill(writer: string, file: string, seed: number, delayMs: number, fromSpawn: boolean, acked: Acked): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, file, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!; // a partial last line is not an acknowledgement
      for (const line of lines) {
        const [tag, a, b] = line.split(' ');
        if (tag === 'READY' && !fromSpawn) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (tag === 'F') acked.findings.set(Number(a), b!);
        else if (tag === 'A') acked.acknowledged.add(Number(a));
        else if (tag === 'C') acked.startedCalls.add(a!);
        else if (tag === 'E') acked.endedCalls.add(a!);
      }
    });
    let timer = fromSpawn ? setTimeout(() => child.kill('SIGKILL'), delayMs) : undefined;
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') fail(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else done();
    });
  });
}

describe('crash safety', () => {
  it(`loses no acknowledged write across ${ITERATIONS} SIGKILLs (seed ${SEED})`, async () => {
    const writer = await bundleWriter();
    const dir = mkdtempSync(join(tmpdir(), 'kc-crash-'));
    const file = join(dir, 'calls.sqlite');
    const random = mulberry32(SEED);
    const acked: Acked = { findings: new Map(), acknowledged: new Set(), startedCalls: new Set(), endedCalls: new Set() };
    try {
      for (let i = 0; i < ITERATIONS; i++) {
        // Mostly while writing; sometimes during start-up, open or (first run) the migration.
        const fromSpawn = random() < 0.15;
        const delayMs = Math.floor(random() * (fromSpawn ? 1500 : 150));
        await runAndKill(writer, file, Math.floor(random() * 2 ** 31), delayMs, fromSpawn, acked);

        const store = openStore(file);
        try {
          const where = `after kill ${i + 1} (seed ${SEED}, ${delayMs} ms after ${fromSpawn ? 'spawn' : 'open'})`;
          expect(store.db.pragma('integrity_check', { simple: true }), where).toBe('ok');
          expect(store.db.pragma('foreign_key_check'), where).toEqual([]);
          const rows = store.db.prepare('SELECT id, rule_id AS ruleId, acknowledged FROM findings').all() as { id: number; ruleId: string; acknowledged: number }[];
          const byId = new Map(rows.map((r) => [r.id, r]));
          for (const [id, ruleId] of acked.findings) expect(byId.get(id)?.ruleId, `${where}: finding ${id}`).toBe(ruleId);
          for (const id of acked.acknowledged) expect(byId.get(id)?.acknowledged, `${where}: ack of ${id}`).toBe(1);
          const calls = new Map(
            (store.db.prepare('SELECT id, ended_at_ms AS endedAtMs FROM calls').all() as { id: string; endedAtMs: number | null }[]).map((c) => [c.id, c]),
          );
          for (const id of acked.startedCalls) expect(calls.has(id), `${where}: call ${id}`).toBe(true);
          for (const id of acked.endedCalls) expect(calls.get(id)?.endedAtMs, `${where}: end of ${id}`).not.toBeNull();
        } finally {
          store.close();
        }
      }
      // The harness must have exercised something: many acknowledged writes over the run.
      expect(acked.findings.size).toBeGreaterThan(ITERATIONS);
      console.log(`crash test: ${ITERATIONS} kills, ${acked.findings.size} acknowledged findings, ${acked.acknowledged.size} acknowledgements, all present`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000 + ITERATIONS * 4_000); // each round starts a Node process; shared cores make that slow
});
