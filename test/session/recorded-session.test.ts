// `klachtcoach serve` as one process that coaches, records and serves the review screens: the
// sample call played through serve lands in the call store (call, agent, talk share, the agent's
// words, findings with shown/acknowledged), the review API under /review/ on the same server shows
// it only after a supervisor signs in, and a paired tablet's credentials open nothing there.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallDetail, CallPage } from '../../main/contracts/review-api.ts';
import { openStore } from '../../main/store/open-store.ts';
import { addSupervisor } from '../../main/store/supervisors.ts';
import { hashPassword } from '../../main/review/password.ts';
import { memoryCredentials } from '../../renderer/session-client/index.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nodeClient, until, waitForStatus } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'resources/sample-call');
const built = existsSync(join(ROOT, 'dist/renderer/review.html')) && existsSync(join(ROOT, 'dist/renderer/tablet.html'));
if (!built) console.log('recorded session test skipped: dist/renderer is not built (npm run build)');

const data = mkdtempSync(join(tmpdir(), 'kc-recorded-'));
const dbFile = join(data, 'calls.sqlite');
const PASSWORD = 'lang-genoeg-wachtwoord';
let child: ChildProcess | null = null;
let client: SessionClient | null = null;
afterAll(() => {
  client?.close();
  child?.kill('SIGKILL');
  rmSync(data, { recursive: true, force: true });
});

/** Sign-in as the review page does it; returns the cookie header to send afterwards. */
async function signIn(origin: string, username: string, password: string): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(`${origin}/review/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ username, password }),
  });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, cookie: setCookie ? setCookie.split(';')[0]! : null };
}

describe.skipIf(!built)('serve records the call and serves its review', () => {
  it('stores the sample call with findings, snippets and ack state; /review/ needs sign-in and shows it; tablet keys open nothing', async () => {
    const setup = openStore(dbFile);
    addSupervisor(setup, 'sanne', await hashPassword(PASSWORD));
    setup.close();

    child = spawn(process.execPath, ['scripts/dev-cli.mjs', 'serve', '--local', '--port', '0', '--wav', join(SAMPLE, 'call.wav'),
      '--transcript', join(SAMPLE, 'call.jsonl'), '--speed', '3', '--db', dbFile, '--agent', 'agent-anna'], {
      cwd: ROOT, env: { ...process.env, KLACHTCOACH_STDIN_COMMANDS: '1', KLACHTCOACH_DATA_DIR: data }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    await until(() => /#pair=/.test(out), 90_000, 'pairing link').catch((err: Error) => { throw new Error(`${err.message}; output:\n${out}`); });
    expect(out).toContain(`Recording calls of agent "agent-anna" in ${dbFile}`);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/tablet\.html#pair=[0-9A-Z-]+)/.exec(out)![1]!;
    const origin = new URL(link).origin;
    expect(out).toContain(`${origin}/review/`);

    // The tablet pairs and acknowledges ("begrepen") the first tip it gets.
    const credentials = memoryCredentials();
    client = nodeClient(origin, `${origin.replace('http', 'ws')}/ws`, credentials);
    const acked: string[] = [];
    client.on('tip', (t) => {
      if (acked.length === 0) {
        acked.push(t.id);
        client!.ack(t.id);
      }
    });
    client.pair(link);
    await until(() => /wants to pair/.test(out), 10_000, 'pairing prompt');
    child.stdin!.write('j\n');
    await waitForStatus(client, 'connected');
    await until(() => /Call ended/.test(out), 60_000, 'the end of the sample call').catch((err: Error) => { throw new Error(`${err.message}; output:\n${out}`); });
    expect(acked).toHaveLength(1);

    // Review API on the same server: nothing without sign-in, and not with the tablet's key either.
    expect((await fetch(`${origin}/review/api/calls`)).status).toBe(401);
    const tablet = credentials.load()!;
    expect(tablet.role).toBe('viewer');
    const tabletAttempts: Record<string, string>[] = [
      { Authorization: `Bearer ${tablet.key}` },
      { Cookie: `kc_review=${tablet.key}` },
      { Cookie: `kc_review=${tablet.deviceId}.${tablet.key}` },
    ];
    for (const headers of tabletAttempts) {
      expect((await fetch(`${origin}/review/api/calls`, { headers })).status).toBe(401);
    }
    expect((await signIn(origin, tablet.deviceId, tablet.key)).status).toBe(401);
    expect((await signIn(origin, 'sanne', 'fout-wachtwoord-123')).status).toBe(401);

    const session = await signIn(origin, 'sanne', PASSWORD);
    expect(session.status).toBe(200);
    const page = await (await fetch(`${origin}/review/api/calls`, { headers: { Cookie: session.cookie! } })).json() as CallPage;
    expect(page.total).toBe(1);
    const listed = page.calls[0]!;
    expect(listed.agentId).toBe('agent-anna');
    expect(listed.endedAtMs).not.toBeNull();
    expect(listed.agentTalkShare).toBeGreaterThan(0);
    expect(listed.agentTalkShare).toBeLessThan(1);
    expect(listed.flags).toBeGreaterThan(0);
    expect(listed.praise).toBeGreaterThan(0);

    const detail = await (await fetch(`${origin}/review/api/calls/${encodeURIComponent(listed.id)}`, { headers: { Cookie: session.cookie! } })).json() as CallDetail;
    // Snippets: the agent's lines of the transcript track, as text, and nothing else.
    const track = readFileSync(join(SAMPLE, 'call.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string });
    expect(detail.utterances.length).toBeGreaterThan(0);
    for (const u of detail.utterances) expect(track.map((l) => l.text)).toContain(u.text);
    expect(detail.findings.some((f) => f.source === 'text') && detail.findings.some((f) => f.source === 'timing')).toBe(true);
    // The management line is flagged with the agent's words around it.
    const management = detail.findings.find((f) => f.behaviour === 'verschuilen');
    expect(management, JSON.stringify(detail.findings.map((f) => [f.behaviour, f.span?.text]))).toBeDefined();
    expect(management!.contextUtteranceIds.length).toBeGreaterThan(0);
    // Shown and acknowledged as the tablet saw it: exactly the tip it acked.
    const acknowledged = detail.findings.filter((f) => f.acknowledged);
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]!.shown).toBe(true);
    expect(`${acknowledged[0]!.ruleId}@${acknowledged[0]!.atMs}`).toBe(acked[0]);
    expect(detail.findings.filter((f) => f.shown).length).toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // After a clean stop the store file is whole and holds no audio, only the agent's text.
    const store = openStore(dbFile);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const blobs = store.db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main'").pluck().all() as string[];
      for (const table of blobs) {
        const columns = store.db.prepare(`SELECT type FROM pragma_table_info(?)`).pluck().all(table) as string[];
        expect(columns.map((c) => c.toUpperCase())).not.toContain('BLOB');
      }
    } finally {
      store.close();
    }
  }, 150_000);
});
