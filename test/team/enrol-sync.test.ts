// Enrolment and sync against a real PostgreSQL: codes work once, tokens authenticate every
// request, batches are idempotent, and the sharing policy is enforced on both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from './support/throwaway-postgres.ts';
import { addAgent, addTeam, startTeamFixture, type TeamFixture } from './support/team-fixture.ts';
import { openDesktop, produceCalls, serverId } from '../sync/support/desktop.ts';
import { serverItemId } from '../../main/team/sync-contract.ts';
import { TeamClient } from '../../main/sync/team-client.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team tests skipped: ${skip}`);

describe.skipIf(skip)('enrolment and sync', () => {
  let f: TeamFixture;
  let teamId: string;

  beforeAll(async () => {
    f = await startTeamFixture();
    teamId = await addTeam(f, 'Klachten Noord');
  });
  afterAll(async () => f?.close());

  it('enrols a desktop with a code exactly once', async () => {
    const { agentId, code } = await addAgent(f, teamId);
    const d = openDesktop();
    const e = await d.sync.enrol(f.server.url, code.toLowerCase(), 'laptop-1');
    expect(e.agentId).toBe(agentId);
    expect(e.token).toMatch(/^dev_/);
    // Only the hash of the token is stored.
    const { rows } = await f.pool.query('SELECT token_hash FROM devices WHERE agent_id = $1', [agentId]);
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0].token_hash).toString()).not.toContain(e.token);
    await expect(openDesktop().sync.enrol(f.server.url, code, 'laptop-2')).rejects.toThrow(/already used or expired/);
  });

  it('refuses requests without a valid token', async () => {
    expect((await f.api(null, 'POST', '/api/sync', { items: [] })).status).toBe(401);
    expect((await f.api('dev_notarealtokenatall', 'GET', '/api/sync/policy')).status).toBe(401);
    // A staff token is not a device token, and the other way round.
    expect((await f.api(f.adminToken, 'POST', '/api/sync', { items: [] })).status).toBe(403);
    expect((await f.api(null, 'GET', '/api/team/agents')).status).toBe(401);
  });

  it('syncs calls and findings, and resending changes nothing', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const { agentId, code } = await addAgent(f, teamId);
    const d = openDesktop();
    await d.sync.enrol(f.server.url, code, 'laptop');
    produceCalls(d, 3, 4);
    expect(d.sync.outbox.counts().pending).toBe(15);
    expect(await d.sync.syncer!.flush()).toBe(true);
    expect(d.sync.outbox.counts()).toEqual({ pending: 0, rejected: 0 });

    const ids = async (table: string): Promise<string[]> =>
      (await f.pool.query<{ id: string }>(`SELECT id FROM ${table} WHERE agent_id = $1 ORDER BY id`, [agentId])).rows.map((r) => r.id);
    expect(await ids('calls')).toEqual(d.calls.map((c) => serverId(d, c.id)).sort());
    expect(await ids('findings')).toEqual(d.findings.map((x) => serverId(d, x.id)).sort());

    // The same items again (a reply lost on the way back): same rows, no copies.
    const client = new TeamClient({ baseUrl: f.server.url, token: d.sync.enrolment!.token });
    const again = await client.sendBatch([
      { type: 'call', ...d.calls[0]! },
      { type: 'finding', ...d.findings[0]!, sharedByAgent: false },
    ]);
    expect(again.results.map((r) => r.status)).toEqual(['stored', 'stored']);
    expect(await ids('findings')).toHaveLength(12);

    // Without snippet sharing the agent's words never reached the server.
    const words = await f.pool.query(`SELECT count(*)::int AS n FROM findings WHERE agent_id = $1 AND (snippet IS NOT NULL OR evidence::text LIKE '%directie%')`, [agentId]);
    expect(words.rows[0].n).toBe(0);
  });

  it('keeps snippets only when the policy shares them', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const { agentId, code } = await addAgent(f, teamId);
    const d = openDesktop();
    await d.sync.enrol(f.server.url, code, 'laptop');
    produceCalls(d, 1, 1);
    await d.sync.syncer!.flush();
    const { rows } = await f.pool.query('SELECT snippet FROM findings WHERE agent_id = $1', [agentId]);
    expect(rows[0].snippet).toBe('de directie vindt dat niet nodig');
  });

  it('under agent-chooses, sends only what the agent shared, and the server refuses the rest', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'agent-chooses', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const { agentId, code } = await addAgent(f, teamId);
    const d = openDesktop();
    await d.sync.enrol(f.server.url, code, 'laptop');
    const call = { id: 'call-agentchooses-1', startedAt: new Date().toISOString(), endedAt: null, summary: { durationMs: 0, flagCount: 2, praiseCount: 0 } };
    d.sync.recordCall(call);
    const base = { callId: call.id, occurredAt: new Date().toISOString() };
    const finding = { kind: 'flag', behaviour: 'onderbreken', ruleId: 'r1', atMs: 1000, tip: 'Laat uitpraten.', severity: 'high', source: 'timing', rangeMs: { startMs: 500, endMs: 1000 } } as const;
    expect(d.sync.recordFinding({ id: 'finding-kept-local', ...base, finding })).toBe('awaiting-agent');
    expect(d.sync.shareFinding({ id: 'finding-shared-1', ...base, finding })).toBe('queued');
    await d.sync.syncer!.flush();
    const stored = await f.pool.query<{ id: string }>('SELECT id FROM findings WHERE agent_id = $1', [agentId]);
    expect(stored.rows.map((r) => r.id)).toEqual([serverId(d, 'finding-shared-1')]);

    // A desktop that ignores the policy is refused item by item.
    const client = new TeamClient({ baseUrl: f.server.url, token: d.sync.enrolment!.token });
    const reply = await client.sendBatch([{ type: 'finding', id: 'finding-not-shared', ...base, sharedByAgent: false, finding }]);
    expect(reply.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/not shared/) });

    // The agent withdraws the shared moment: it disappears from the server.
    d.sync.withdrawFinding('finding-shared-1');
    await d.sync.syncer!.flush();
    expect((await f.pool.query('SELECT 1 FROM findings WHERE id = $1', [serverId(d, 'finding-shared-1')])).rowCount).toBe(0);
  });

  it("cannot overwrite another desktop's call or attach findings to it: the same ids stay apart", async () => {
    const a = await addAgent(f, teamId);
    const b = await addAgent(f, teamId);
    const da = openDesktop();
    const db = openDesktop();
    await da.sync.enrol(f.server.url, a.code, 'pc-a');
    const eb = await db.sync.enrol(f.server.url, b.code, 'pc-b');
    produceCalls(da, 1, 1);
    await da.sync.syncer!.flush();
    const theirs = da.calls[0]!;
    const client = new TeamClient({ baseUrl: f.server.url, token: eb.token });
    const reply = await client.sendBatch([
      { type: 'call', ...theirs, summary: { durationMs: 1, flagCount: 99, praiseCount: 0 } },
      { type: 'finding', id: 'finding-on-foreign-call', callId: theirs.id, occurredAt: new Date().toISOString(), sharedByAgent: true, finding: da.findings[0]!.finding },
    ]);
    // Stored, but as desktop b's own call and finding: a's call is untouched.
    expect(reply.results.map((r) => r.status)).toEqual(['stored', 'stored']);
    const { rows } = await f.pool.query(`SELECT agent_id, summary->>'flagCount' AS flags FROM calls WHERE id = $1`, [serverId(da, theirs.id)]);
    expect(rows[0]).toEqual({ agent_id: a.agentId, flags: '1' });
    const found = await f.pool.query(`SELECT f.agent_id FROM findings f WHERE f.call_id = $1`, [serverItemId(eb.deviceId, theirs.id)]);
    expect(found.rows).toEqual([{ agent_id: b.agentId }]);
    expect((await f.pool.query('SELECT 1 FROM findings WHERE call_id = $1', [serverId(da, theirs.id)])).rowCount).toBe(1);
  });

  it('when the database refuses one item, stores the rest of the batch', async () => {
    const { code } = await addAgent(f, teamId);
    const d = openDesktop();
    const e = await d.sync.enrol(f.server.url, code, 'pc');
    // A constraint the set-wise insert trips over, so the item-by-item path must take over.
    await f.pool.query(`ALTER TABLE findings ADD CONSTRAINT test_no_bad_tip CHECK (tip <> 'BAD')`);
    try {
      const now = new Date().toISOString();
      const base = { kind: 'flag', behaviour: 'onderbreken', ruleId: 'r', atMs: 1, severity: 'high', source: 'timing', rangeMs: { startMs: 0, endMs: 1 } } as const;
      const reply = await new TeamClient({ baseUrl: f.server.url, token: e.token }).sendBatch([
        { type: 'call', id: 'call-partial-1', startedAt: now, endedAt: null, summary: { durationMs: 0, flagCount: 2, praiseCount: 0 } },
        { type: 'finding', id: 'finding-good-1', callId: 'call-partial-1', occurredAt: now, sharedByAgent: true, finding: { ...base, tip: 'Laat uitpraten.' } },
        { type: 'finding', id: 'finding-bad-1', callId: 'call-partial-1', occurredAt: now, sharedByAgent: true, finding: { ...base, tip: 'BAD' } },
      ]);
      expect(reply.results.map((r) => r.status)).toEqual(['stored', 'stored', 'rejected']);
      expect(reply.results[2]!.reason).toMatch(/refused by the database.*test_no_bad_tip/);
      const { rows } = await f.pool.query<{ id: string }>('SELECT id FROM findings WHERE call_id = $1', [serverItemId(e.deviceId, 'call-partial-1')]);
      expect(rows.map((r) => r.id)).toEqual([serverItemId(e.deviceId, 'finding-good-1')]);
    } finally {
      await f.pool.query('ALTER TABLE findings DROP CONSTRAINT test_no_bad_tip');
    }
  });

  it('answers a malformed batch with 400 naming the field', async () => {
    const { code } = await addAgent(f, teamId);
    const d = openDesktop();
    const e = await d.sync.enrol(f.server.url, code, 'laptop');
    const res = await f.api<{ error: string }>(e.token, 'POST', '/api/sync', { items: [{ type: 'call', id: 'x', startedAt: 'yesterday' }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/items\.0\.id/);
    const notJson = await fetch(`${f.server.url}/api/sync`, { method: 'POST', headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' }, body: '{"items": [' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
  });

  it('a revoked device is told to enrol again and keeps its outbox', async () => {
    const { code } = await addAgent(f, teamId);
    const d = openDesktop();
    const e = await d.sync.enrol(f.server.url, code, 'stolen-laptop');
    expect((await f.api(f.adminToken, 'DELETE', `/api/admin/devices/${e.deviceId}`)).status).toBe(200);
    produceCalls(d, 1, 2);
    expect(await d.sync.syncer!.flush()).toBe(false);
    expect(d.sync.syncer!.state.getState().status).toBe('needs-enrolment');
    expect(d.sync.outbox.counts().pending).toBe(3);
  });
});
