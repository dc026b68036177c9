// `klachtcoach review` and `klachtcoach rules stats` as a user runs them: separate processes,
// a temp data folder, passwords on stdin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../main/store/open-store.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { markFinding } from '../../main/store/marks.ts';

let dir: string;
let db: string;
let callId: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kc-review-cli-'));
  db = join(dir, 'calls.sqlite');
  const store = openStore(db);
  const rec = createCallRecorder(store);
  callId = rec.startCall({ agentId: 'anna' });
  const f = rec.recordFinding(callId, { kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.verschuilen.directie', atMs: 100, tip: 'Neem eigenaarschap.', severity: 'medium', source: 'text', rangeMs: { startMs: 0, endMs: 100 } });
  rec.recordFinding(callId, { kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.verschuilen.directie', atMs: 900, tip: 'Neem eigenaarschap.', severity: 'medium', source: 'text', rangeMs: { startMs: 500, endMs: 900 } });
  markFinding(store, f, { verdict: 'wrong' }, 'sanne');
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, ['scripts/dev-cli.mjs', ...args], { input, encoding: 'utf8', env: { ...process.env, KLACHTCOACH_DATA_DIR: dir } });
}

describe('klachtcoach review (CLI)', () => {
  it('adds a supervisor with the password from stdin, refusing a short one and a duplicate', () => {
    const short = cli(['review', 'add-supervisor', 'sanne'], 'kort\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('password needs at least 10 characters');
    const ok = cli(['review', 'add-supervisor', 'sanne'], 'een lang wachtwoord\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('supervisor "sanne" added');
    const again = cli(['review', 'add-supervisor', 'sanne'], 'een lang wachtwoord\n');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists; use --reset');
  });

  it('prints rule stats with the wrong-mark rate', () => {
    const res = cli(['rules', 'stats']);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/nl\.verschuilen\.directie\s+verschuilen\s+flag\s+2\s+1\s+1\s+100%/);
    const json = cli(['rules', 'stats', '--json']);
    expect(JSON.parse(json.stdout.trim())).toMatchObject({ ruleId: 'nl.verschuilen.directie', fired: 2, markedWrong: 1 });
  });

  it("exports an agent's data as JSON and deletes a call", () => {
    const out = join(dir, 'anna.json');
    expect(cli(['review', 'export-agent', 'anna', '--out', out]).status).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    expect(exported.calls[0].findings).toHaveLength(2);
    expect(cli(['review', 'delete-call', callId]).status).toBe(0);
    const again = cli(['review', 'delete-call', callId]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`call ${callId} is not in the store`);
  });

  it('names a missing --db for read-only commands instead of creating an empty store there', () => {
    const missing = join(dir, 'typo.sqlite');
    for (const args of [['rules', 'stats'], ['review', 'export-agent', 'anna'], ['review', 'delete-call', 'x']]) {
      const res = cli([...args, '--db', missing]);
      expect(res.status, args.join(' ')).toBe(1);
      expect(res.stderr).toContain(`${missing}: no call store here`);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('names a broken store file instead of crashing', () => {
    const broken = join(dir, 'broken.sqlite');
    writeFileSync(broken, 'not a database at all '.repeat(100));
    const res = cli(['review', 'retention', '--db', broken]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`${broken}: cannot be opened as a Klachtcoach call store`);
  });

  it('serves the review API until stopped', async () => {
    const child = spawn(process.execPath, ['scripts/dev-cli.mjs', 'review', '--port', '0'], { env: { ...process.env, KLACHTCOACH_DATA_DIR: dir } });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /serving (http:\/\/\S+)/.exec(out);
          if (m) done(m[1]!);
        });
        child.on('exit', (code) => fail(new Error(`review exited early with ${code}`)));
      });
      const res = await fetch(`${url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sanne', password: 'een lang wachtwoord' }) });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    expect(child.exitCode).toBe(0);
  });
});
