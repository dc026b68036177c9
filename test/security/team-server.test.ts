// Issue 15 on the team server, against a real PostgreSQL: parallel sign-in guesses (item 1),
// dates a desktop sends (item 6), audit gaps (item 9) and the same-site export (item 12).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from '../team/support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from '../team/support/team-fixture.ts';
import { openDesktop, produceCalls, type SimulatedDesktop } from '../sync/support/desktop.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team security tests skipped: ${skip}`);

interface Signed { cookie: string; csrf: string }
interface AuditEntry { action: string; staff: string | null; agentId: string | null; detail: Record<string, unknown> }

describe.skipIf(skip)('team server under attack', () => {
  let f: TeamFixture;
  let supToken: string;
  let anna: { agentId: string; d: SimulatedDesktop };

  const signInRaw = (username: string, password: string): Promise<Response> =>
    fetch(`${f.server.url}/review/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const signIn = async (): Promise<Signed> => {
    const res = await signInRaw('Sanne', supToken);
    expect(res.status).toBe(200);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  const get = (s: Signed, path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${f.server.url}/review/${path}`, { headers: { cookie: s.cookie, ...headers } });
  const auditLog = async (agentId?: string): Promise<AuditEntry[]> =>
    (await f.api<{ entries: AuditEntry[] }>(f.adminToken, 'GET', `/api/admin/audit?limit=1000${agentId ? `&agentId=${agentId}` : ''}`)).body.entries;

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: true, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const north = await addTeam(f, 'Noord');
    supToken = await addStaff(f, 'supervisor', 'Sanne', north);
    const { agentId, code } = await addAgent(f, north, 'Anna');
    const d = openDesktop();
    await d.sync.enrol(f.server.url, code, 'pc-anna');
    produceCalls(d, 2, 3);
    await d.sync.syncer!.flush();
    anna = { agentId, d };
  });
  afterAll(async () => f?.close());

  describe('item 1: parallel sign-in guesses', () => {
    it('checks at most 5 of 40 guesses at one name sent at once; the rest get 429', async () => {
      const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => signInRaw('Gerrit', `usr_geraden${String(i).padStart(12, '0')}`)));
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    });
  });

  describe('item 6: dates sent by a desktop', () => {
    it('refuses a call and a finding dated in 2099, which would outlive every purge', async () => {
      const before = anna.d.calls.length;
      produceCalls(anna.d, 1, 1, Date.parse('2099-01-01T09:00:00Z'));
      await anna.d.sync.syncer!.flush();
      const future = anna.d.calls.slice(before).map((c) => c.id);
      expect(anna.d.sync.outbox.rejected()).toEqual(expect.arrayContaining([
        { type: 'call', id: future[0], reason: "dated in the future: check this desktop's clock" },
        expect.objectContaining({ type: 'finding', reason: "dated in the future: check this desktop's clock" }),
      ]));
      const { rows } = await f.pool.query(`SELECT 1 FROM findings WHERE occurred_at > now() + interval '1 day'
                                           UNION ALL SELECT 1 FROM calls WHERE started_at > now() + interval '1 day'`);
      expect(rows).toHaveLength(0);
    });

    it('clamps a date a little ahead (a desktop clock running fast) to the time received', async () => {
      const ahead = (ms: number): string => new Date(Date.now() + ms).toISOString();
      const callId = randomUUID();
      anna.d.sync.recordCall({ id: callId, startedAt: ahead(60_000), endedAt: ahead(120_000), summary: { durationMs: 60_000, flagCount: 1, praiseCount: 0 } });
      anna.d.sync.recordFinding({ id: randomUUID(), callId, occurredAt: ahead(90_000), finding: anna.d.findings[0]!.finding });
      await anna.d.sync.syncer!.flush();
      const { rows } = await f.pool.query<{ ok: boolean }>(
        `SELECT c.started_at <= now() AND c.ended_at <= now() AND f.occurred_at <= now() AS ok FROM calls c JOIN findings f ON f.call_id = c.id WHERE c.id LIKE '%' || $1`, [callId]);
      expect(rows).toEqual([{ ok: true }]);
    });
  });

  describe('item 9: audit gaps', () => {
    it('audits a failed sign-in, under the organisation of the staff member whose name was tried', async () => {
      expect((await signInRaw('sanne', 'usr_notherstokennotherstoken')).status).toBe(401);
      const failed = (await auditLog()).filter((e) => e.action === 'sign-in-failed');
      expect(failed[0]).toMatchObject({ staff: 'Sanne', detail: { username: 'sanne', screen: 'review' } });
      // A name nobody has is still written down, under no organisation.
      const { rows } = await f.pool.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'sign-in-failed' AND org_id IS NULL AND detail->>'username' = 'Gerrit'`);
      expect(Number(rows[0]!.n)).toBe(5);
    });

    it("audits the review screens' agent list, naming the agents shown", async () => {
      const s = await signIn();
      const res = await get(s, 'api/agents');
      expect(await res.json()).toEqual(['Anna']);
      const rows = (await auditLog(anna.agentId)).filter((e) => e.action === 'view-agents');
      expect(rows[0]).toMatchObject({ staff: 'Sanne', agentId: anna.agentId, detail: { screen: 'review-agents' } });
    });

    it('audits trends filtered on an agent with that agent, not NULL', async () => {
      const s = await signIn();
      expect((await get(s, 'api/trends?weeks=4&agent=Anna')).status).toBe(200);
      const rows = (await auditLog()).filter((e) => e.action === 'view-trends');
      expect(rows[0]).toMatchObject({ agentId: anna.agentId, detail: { agent: 'Anna' } });
    });
  });

  describe('item 12: the export needs the CSRF token', () => {
    it('refuses a signed-in export without the token and serves it with the token', async () => {
      const s = await signIn();
      expect((await get(s, 'api/export.csv')).status).toBe(403);
      expect((await get(s, 'api/export.csv?csrf=geraden')).status).toBe(403);
      const ok = await get(s, `api/export.csv?csrf=${encodeURIComponent(s.csrf)}`);
      expect(ok.status).toBe(200);
      const { rows } = await f.pool.query<{ n: string }>('SELECT count(*) AS n FROM findings');
      expect((await ok.text()).trim().split('\r\n')).toHaveLength(1 + Number(rows[0]!.n));
    });
  });
});
