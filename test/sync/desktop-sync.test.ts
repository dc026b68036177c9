// The engine's team sync, against a real team server on a throwaway PostgreSQL: `team enrol` /
// `team status` from the command line, a recorded call queued when it ends (findings only under
// 'share-all', or once the agent shares one), and a server that is down never throwing into the
// call and showing up as "retrying" with its error kept for `team status`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../main/contracts/finding.ts';
import { run as teamCommand } from '../../main/cli/team.ts';
import { UserError } from '../../main/cli/user-error.ts';
import type { LiveCallObserver } from '../../main/session/live-call.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';
import { DesktopSync, describeSync } from '../../main/sync/desktop-sync.ts';
import { findingSyncId } from '../../main/sync/from-store.ts';
import { serverItemId } from '../../main/team/sync-contract.ts';
import { postgresUnavailableReason } from '../team/support/throwaway-postgres.ts';
import { addAgent, addTeam, startTeamFixture, type TeamFixture } from '../team/support/team-fixture.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`desktop sync test skipped: ${skip}`);

const flag: Finding = {
  kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.Verschuilen.Directie', atMs: 12_500, tip: 'Neem zelf eigenaarschap.', severity: 'medium', source: 'text',
  span: { startChar: 0, endChar: 17, text: 'de directie vindt' }, utterance: { startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' },
  rangeMs: { startMs: 11_000, endMs: 13_000 },
};

/** Captures console output of one CLI call. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  try {
    return { code: await teamCommand(args), out: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

/**
 * A call as serve records it: the recording observer writes the store, the sync wrapper queues
 * the call after the recording ended it. Returns the call id and the stored finding's id.
 */
function liveCall(store: CallStore, sync: DesktopSync, callId: string): { findingId: () => number } {
  const recorder = createCallRecorder(store);
  let findingId = -1;
  const recording: LiveCallObserver = {
    utterance: (u) => recorder.recordUtterance(callId, u),
    finding: (f) => { findingId = recorder.recordFinding(callId, f, { shown: true }); },
    segment: (s) => recorder.recordTurnSegment(callId, s),
    cue: () => {},
    ended: (s) => recorder.endCall(callId, s.agentTalkShare === null ? {} : { agentTalkShare: s.agentTalkShare }),
  };
  recorder.startCall({ callId, agentId: 'lokaal', startedAtMs: Date.now() - 60_000 });
  const observer = sync.afterRecording(callId, recording);
  observer.utterance({ startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' });
  observer.finding(flag);
  observer.ended({ callId, durationMs: 60_000, agentTalkShare: 0.5, tips: [] });
  return { findingId: () => findingId };
}

describe.skipIf(skip)('the engine syncs with the team server', () => {
  let f: TeamFixture;
  let team: string;
  let dir: string;
  beforeAll(async () => {
    f = await startTeamFixture();
    team = await addTeam(f, 'Zuid');
    dir = mkdtempSync(join(tmpdir(), 'kc-desktop-sync-'));
  });
  afterAll(async () => {
    await f?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('enrols from the command line and reports the state; a bad code or CA file is a clear error', async () => {
    const db = join(dir, 'enrol.sqlite');
    expect(await cli(['status', '--db', db])).toEqual({ code: 0, out: expect.stringContaining('not enrolled') });

    await expect(teamCommand(['enrol', '--server', f.server.url, '--code', 'NOT-A-CODE', '--db', db])).rejects.toThrow(UserError);
    const badCa = join(dir, 'not-a-cert.pem');
    writeFileSync(badCa, 'hello');
    await expect(teamCommand(['enrol', '--server', f.server.url, '--code', 'x', '--ca', badCa, '--db', db])).rejects.toThrow(/not a PEM certificate/);
    await expect(teamCommand(['enrol', '--server', 'ftp://x', '--code', 'x', '--db', db])).rejects.toThrow(/http/);
    await expect(teamCommand(['enrol', '--code', 'x', '--db', db])).rejects.toThrow(/--server URL/);

    const { agentId, code } = await addAgent(f, team);
    const enrolled = await cli(['enrol', '--server', f.server.url, '--code', code, '--name', 'pc-12', '--db', db]);
    expect(enrolled.code).toBe(0);
    expect(enrolled.out).toContain(`agent ${agentId}`);

    const status = await cli(['status', '--db', db, '--json']);
    expect(JSON.parse(status.out)).toMatchObject({ enrolled: true, server: f.server.url, pending: 0, rejected: 0, status: 'stopped' });
    // The token is in the store file, so a new process (here: a new handle) finds it.
    const store = openStore(db);
    expect(new DesktopSync(store).enrolment()?.agentId).toBe(agentId);
    store.close();
  });

  it("under 'share-all' an ended call and its findings reach the server in the background", async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const store = openStore(':memory:');
    const { agentId, code } = await addAgent(f, team);
    const { deviceId } = await DesktopSync.enrol(store, f.server.url, code, 'pc');
    const sync = new DesktopSync(store, { idlePollMs: 50, log: () => {} });
    expect(sync.start()).toBe(true);
    const callId = 'call-share-all-0001';
    const onServer = (id: string): string => serverItemId(deviceId, id);
    const { findingId } = liveCall(store, sync, callId);

    await vi.waitFor(async () => {
      const { rows } = await f.pool.query<{ id: string }>('SELECT id FROM findings WHERE call_id = $1', [onServer(callId)]);
      expect(rows.map((r) => r.id)).toEqual([onServer(findingSyncId(callId, findingId()))]);
    }, { timeout: 10_000, interval: 100 });
    const calls = await f.pool.query('SELECT 1 FROM calls WHERE id = $1 AND agent_id = $2', [onServer(callId), agentId]);
    expect(calls.rowCount).toBe(1);
    await vi.waitFor(() => expect(sync.overview()).toMatchObject({ pending: 0, status: 'idle', lastError: null }), { timeout: 5_000 });
    expect(describeSync(sync.overview())).toMatch(/policy share-all, 0 pending, last sent/);
    await sync.stop();
    store.close();
  });

  it("under 'agent-chooses' only the call leaves until the agent shares a moment", async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'agent-chooses', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const store = openStore(':memory:');
    const { code } = await addAgent(f, team);
    const { deviceId } = await DesktopSync.enrol(store, f.server.url, code, 'pc');
    const logged: string[] = [];
    const sync = new DesktopSync(store, { idlePollMs: 50, log: (l) => logged.push(l) });
    sync.start();
    const callId = 'call-agent-chooses-01';
    const onServer = (id: string): string => serverItemId(deviceId, id);
    const { findingId } = liveCall(store, sync, callId);
    expect(logged.join('\n')).toContain('1 moment(s) wait for the agent');

    await vi.waitFor(async () => {
      expect((await f.pool.query('SELECT 1 FROM calls WHERE id = $1', [onServer(callId)])).rowCount).toBe(1);
    }, { timeout: 10_000, interval: 100 });
    expect((await f.pool.query('SELECT 1 FROM findings WHERE call_id = $1', [onServer(callId)])).rowCount).toBe(0);

    expect(sync.share(callId, findingId())).toBe('queued');
    await vi.waitFor(async () => {
      const { rows } = await f.pool.query<{ id: string }>('SELECT id FROM findings WHERE call_id = $1', [onServer(callId)]);
      expect(rows.map((r) => r.id)).toEqual([onServer(findingSyncId(callId, findingId()))]);
    }, { timeout: 10_000, interval: 100 });
    await sync.stop();
    store.close();
  });

  it('a server that is down never throws into the call: the call waits, the state says retrying, status keeps the error', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const db = join(dir, 'down.sqlite');
    const store = openStore(db);
    const { code } = await addAgent(f, team);
    await DesktopSync.enrol(store, f.server.url, code, 'pc');
    // Point the enrolment at a port nobody listens on (the server "moved away").
    const enrolment = new DesktopSync(store).enrolment()!;
    store.db.prepare(`UPDATE team_sync_settings SET value = ? WHERE key = 'enrolment'`).run(JSON.stringify({ ...enrolment, baseUrl: 'http://127.0.0.1:9' }));

    const sync = new DesktopSync(store, { idlePollMs: 50, backoff: { baseMs: 60_000, maxMs: 60_000 }, log: () => {} });
    sync.start();
    const callId = 'call-server-down-01';
    expect(() => liveCall(store, sync, callId)).not.toThrow();
    await vi.waitFor(() => expect(sync.overview()).toMatchObject({ status: 'retrying', retryingSinceMs: expect.any(Number), lastError: expect.any(String) }), { timeout: 5_000 });
    expect(sync.overview().pending).toBe(2); // the call and its finding wait
    const stopped = Date.now();
    await sync.stop(); // a backoff of a minute does not hold the shutdown
    expect(Date.now() - stopped).toBeLessThan(5_000);
    store.close();

    const status = await cli(['status', '--db', db]);
    expect(status.out).toMatch(/pending, last error: /);
  });

  it('a damaged enrolment is reported, not thrown, and the desktop acts as not enrolled', () => {
    const store = openStore(':memory:');
    store.db.exec(`INSERT INTO team_sync_settings (key, value) VALUES ('enrolment', '{"baseUrl":"nope"}')`);
    const logged: string[] = [];
    const sync = new DesktopSync(store, { log: (l) => logged.push(l) });
    expect(sync.start()).toBe(false);
    expect(() => sync.callEnded('call-whatever-0001')).not.toThrow();
    expect(logged.join('\n')).toMatch(/damaged.*enrol this desktop again/);
    store.close();
  });
});
