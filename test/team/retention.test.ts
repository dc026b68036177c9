// Retention is enforced by the server itself: expired moments are not accepted, not shown, and
// purged; the agent's words go first (snippet retention), the moment later (finding retention).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../main/team/retention.ts';
import { postgresUnavailableReason } from './support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from './support/team-fixture.ts';
import { openDesktop, produceCalls } from '../sync/support/desktop.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team tests skipped: ${skip}`);

const DAY = 86_400_000;

describe.skipIf(skip)('retention on the team server', () => {
  let f: TeamFixture;
  let sup: string;
  let agentId: string;
  let token: string;

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const team = await addTeam(f, 'Noord');
    sup = await addStaff(f, 'supervisor', 'Sanne', team);
    const a = await addAgent(f, team);
    agentId = a.agentId;
    const d = openDesktop();
    token = (await d.sync.enrol(f.server.url, a.code, 'pc')).token;
    // Three calls: today, 40 days ago (words past 30 days), 100 days ago (past 90 days; sent
    // by a desktop that was offline for months).
    produceCalls(d, 1, 2, Date.now() - 3_600_000);
    produceCalls(d, 1, 2, Date.now() - 40 * DAY);
    produceCalls(d, 1, 2, Date.now() - 100 * DAY);
    await d.sync.syncer!.flush();
    expect(d.sync.outbox.counts()).toEqual({ pending: 0, rejected: 0 });
  });
  afterAll(async () => f?.close());

  it('does not keep what arrives already expired, and words past the snippet retention', async () => {
    const { rows } = await f.pool.query<{ n: number; words: number }>(
      'SELECT count(*)::int AS n, count(snippet)::int AS words FROM findings WHERE agent_id = $1', [agentId]);
    expect(rows[0]).toEqual({ n: 4, words: 2 });
    const calls = await f.pool.query('SELECT 1 FROM calls WHERE agent_id = $1', [agentId]);
    expect(calls.rowCount).toBe(2);
  });

  it('hides expired moments at once and purges them, even before the purge job ran', async () => {
    // The organisation shortens retention: snippets 1 day, findings 7 days.
    const policy = { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 1, findingRetentionDays: 7 };
    expect((await f.api(f.adminToken, 'PUT', '/api/admin/policy', policy)).status).toBe(200);
    const list = await f.api<{ findings: unknown[] }>(sup, 'GET', `/api/team/findings?agentId=${agentId}`);
    expect(list.body.findings).toHaveLength(2);

    const purge = await f.api<{ findingsDeleted: number; snippetsCleared: number; callsDeleted: number }>(f.adminToken, 'POST', '/api/admin/purge');
    expect(purge.status).toBe(200);
    expect(purge.body).toMatchObject({ findingsDeleted: 2, callsDeleted: 1 });
    const { rows } = await f.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM findings WHERE agent_id = $1', [agentId]);
    expect(rows[0]!.n).toBe(2);

    // A day later, today's words go too, while the moments stay.
    const later = await purgeExpired(f.pool, new Date(Date.now() + 2 * DAY));
    expect(later.snippetsCleared).toBe(2);
    const left = await f.pool.query<{ snippet: string | null; evidence: { span?: { text?: string } } }>('SELECT snippet, evidence FROM findings WHERE agent_id = $1', [agentId]);
    expect(left.rows).toHaveLength(2);
    for (const r of left.rows) {
      expect(r.snippet).toBeNull();
      expect(r.evidence.span?.text).toBeUndefined();
    }
  });

  it('refuses a policy whose snippets would outlive their moments', async () => {
    const res = await f.api<{ error: string }>(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 60, findingRetentionDays: 7 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/snippetRetentionDays/);
    expect(token).toMatch(/^dev_/);
  });
});
