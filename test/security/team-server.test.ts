// Issue 15 on the team server, against a real PostgreSQL: parallel sign-in guesses (item 1),
// dates a desktop sends (item 6), call ids per desktop (item 7), audit gaps (item 9) and the
// same-site export (item 12).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from '../team/support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from '../team/support/team-fixture.ts';
import { openDesktop, produceCalls, serverId, type SimulatedDesktop } from '../sync/support/desktop.ts';
import { newCallId } from '../../main/session/call-sources.ts';
import { createPool } from '../../main/team/db/pool.ts';
import { migrate } from '../../main/team/db/migrate.ts';
import { MIGRATIONS } from '../../main/team/db/migrations/index.ts';
import { createAgent, createOrganisation, createTeam } from '../../main/team/provisioning.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team security tests skipped: ${skip}`);

interface Signed { cookie: string; csrf: string }
interface AuditEntry { action: string; staff: string | null; agentId: string | null; detail: Record<string, unknown> }

describe.skipIf(skip)('team server under attack', () => {
  let f: TeamFixture;
  let supToken: string;
  let trainerToken: string;
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
    trainerToken = await addStaff(f, 'trainer', 'Tineke');
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

  describe('item 7: ids per desktop', () => {
    it('new calls get random UUIDv4 ids, not the time', () => {
      const ids = [newCallId(), newCallId()];
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids[0]).not.toBe(ids[1]);
    });

    it("stores two desktops' calls with the same id side by side, findings and all", async () => {
      const team = await addTeam(f, 'Oost');
      const desktops = await Promise.all([0, 1].map(async (i) => {
        const { agentId, code } = await addAgent(f, team);
        const d = openDesktop();
        await d.sync.enrol(f.server.url, code, `pc-${i}`);
        return { agentId, d };
      }));
      // The same id from both (as two desktops made from the same millisecond), sent in turn.
      const callId = 'call-2026-11-23T09-00-00-000Z';
      for (const { d } of desktops) {
        const startedAt = new Date(Date.now() - 600_000).toISOString();
        d.sync.recordCall({ id: callId, startedAt, endedAt: null, summary: { durationMs: 0, flagCount: 1, praiseCount: 0 } });
        d.sync.recordFinding({ id: `${callId}-f1`, callId, occurredAt: startedAt, finding: anna.d.findings[0]!.finding });
        await d.sync.syncer!.flush();
        expect(d.sync.outbox.counts()).toEqual({ pending: 0, rejected: 0 });
      }
      const { rows } = await f.pool.query<{ agent_id: string; findings: string }>(
        `SELECT c.agent_id, (SELECT count(*) FROM findings x WHERE x.call_id = c.id) AS findings FROM calls c WHERE c.id = ANY($1) ORDER BY c.agent_id`,
        [desktops.map(({ d }) => serverId(d, callId))]);
      expect(rows).toEqual(desktops.map(({ agentId }) => ({ agent_id: agentId, findings: '1' })).sort((a, b) => a.agent_id.localeCompare(b.agent_id)));
    });

    it('moves ids stored before the change into their desktop\'s scope (team migration 0003)', async () => {
      await f.pool.query('CREATE DATABASE migration_0003');
      const pool = createPool({ url: f.pg.url.replace(/\/postgres$/, '/migration_0003') });
      try {
        await migrate(pool, MIGRATIONS.slice(0, 2));
        const { orgId, adminId } = await createOrganisation(pool, 'Oud BV');
        const teamId = await createTeam(pool, orgId, 'T');
        const agentId = await createAgent(pool, orgId, teamId, null);
        const device = (await pool.query<{ id: string }>(`INSERT INTO devices (agent_id, name, token_hash) VALUES ($1, 'pc', '\\x01') RETURNING id`, [agentId])).rows[0]!.id;
        await pool.query(`INSERT INTO calls (id, agent_id, device_id, started_at, summary) VALUES ('call-old-0001', $1, $2, now(), '{}')`, [agentId, device]);
        await pool.query(`INSERT INTO findings (id, call_id, agent_id, occurred_at, kind, behaviour, rule_id, at_ms, severity, source, tip)
                          VALUES ('call-old-0001-f1', 'call-old-0001', $1, now(), 'flag', 'verschuilen', 'r', 1, 'medium', 'text', 't')`, [agentId]);
        await pool.query(`INSERT INTO marks (id, finding_id, author_kind, verdict, marked_at) VALUES ('call-old-0001-f1-m', 'call-old-0001-f1', 'desktop', 'wrong', now()),
                          ('srv-1', 'call-old-0001-f1', 'staff', 'right', now())`);
        await pool.query(`UPDATE marks SET staff_id = $1 WHERE id = 'srv-1'`, [adminId]);
        await migrate(pool);
        const ids = await pool.query<{ call: string; finding: string; call_of_finding: string; marks: string[] }>(
          `SELECT c.id AS call, f.id AS finding, f.call_id AS call_of_finding, array_agg(m.id || ' ' || m.finding_id ORDER BY m.id) AS marks
             FROM calls c JOIN findings f ON f.call_id = c.id JOIN marks m ON m.finding_id = f.id GROUP BY 1, 2, 3`);
        const own = (id: string): string => `${device}.${id}`;
        expect(ids.rows).toEqual([{
          call: own('call-old-0001'), finding: own('call-old-0001-f1'), call_of_finding: own('call-old-0001'),
          marks: [`${own('call-old-0001-f1-m')} ${own('call-old-0001-f1')}`, `srv-1 ${own('call-old-0001-f1')}`],
        }]);
        // The foreign keys hold again: deleting the call takes its finding and marks along.
        await pool.query('DELETE FROM calls');
        expect((await pool.query('SELECT 1 FROM marks')).rowCount).toBe(0);
      } finally {
        await pool.end();
      }
    });
  });

  describe("item 8: the trainer's anonymised findings", () => {
    interface Page { findings: Record<string, unknown>[]; next: string | null }
    const page = async (query: string): Promise<{ status: number; body: Page }> => f.api<Page>(trainerToken, 'GET', `/api/team/findings?${query}`);

    it('carry fresh random ids and the day only: no call, no moment', async () => {
      const [first, second] = [await page('limit=100'), await page('limit=100')];
      expect(first.status).toBe(200);
      const realIds = (await f.pool.query<{ id: string; call_id: string }>('SELECT id, call_id FROM findings')).rows.flatMap((r) => [r.id, r.call_id]);
      for (const x of first.body.findings) {
        expect(Object.keys(x).sort()).toEqual(['atMs', 'behaviour', 'id', 'kind', 'occurredOn', 'ruleId', 'severity', 'source', 'tip']);
        expect(x.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(realIds.some((id) => id.includes(String(x.id)) || String(x.id).includes(id))).toBe(false);
      }
      // A row cannot be followed from one request to the next.
      const seen = new Set(first.body.findings.map((x) => x.id));
      expect(second.body.findings.some((x) => seen.has(x.id))).toBe(false);
    });

    it('page on with a sealed cursor that shows neither time nor id, and refuse a forged one', async () => {
      const all = (await page('limit=100')).body.findings.length;
      let next = (await page('limit=2')).body.next;
      let count = 2;
      while (next) {
        expect(next).not.toMatch(/\||\d{4}-\d{2}-\d{2}/);
        const res = await page(`limit=2&before=${encodeURIComponent(next)}`);
        count += res.body.findings.length;
        next = res.body.next;
      }
      expect(count).toBe(all);
      const forged = await f.api<{ error: string }>(trainerToken, 'GET', `/api/team/findings?before=${encodeURIComponent(`${new Date().toISOString()}|x`)}`);
      expect(forged.status).toBe(400);
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
      const { rows } = await f.pool.query<{ n: string }>('SELECT count(*) AS n FROM findings WHERE agent_id = $1', [anna.agentId]);
      expect((await ok.text()).trim().split('\r\n')).toHaveLength(1 + Number(rows[0]!.n));
    });
  });
});
