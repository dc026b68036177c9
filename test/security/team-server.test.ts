// Issue 15 on the team server, against a real PostgreSQL: parallel sign-in guesses (item 1),
// audit gaps (item 9) and the same-site export (item 12).
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
      expect((await ok.text()).trim().split('\r\n')).toHaveLength(1 + 6);
    });
  });
});
