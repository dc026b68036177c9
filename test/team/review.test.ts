// Review across agents, role limits and the audit log, against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from './support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from './support/team-fixture.ts';
import { openDesktop, produceCalls, serverId, type SimulatedDesktop } from '../sync/support/desktop.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team tests skipped: ${skip}`);

interface AgentsReply { agents: { agentId: string; label: string; team: string; findingCount: number }[] }
interface FindingsReply { findings: Record<string, unknown>[]; next: string | null }

describe.skipIf(skip)('team review', () => {
  let f: TeamFixture;
  let north: string;
  let south: string;
  let supNorth: string;
  let supSouth: string;
  let trainer: string;
  const agents: { agentId: string; desktop: SimulatedDesktop; team: 'north' | 'south' }[] = [];

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    north = await addTeam(f, 'Noord');
    south = await addTeam(f, 'Zuid');
    supNorth = await addStaff(f, 'supervisor', 'Sanne', north);
    supSouth = await addStaff(f, 'supervisor', 'Kees', south);
    trainer = await addStaff(f, 'trainer', 'Tineke');
    for (const [team, id, name] of [['north', north, 'Anna'], ['north', north, 'Bram'], ['south', south, 'Cor']] as const) {
      const { agentId, code } = await addAgent(f, id, name);
      const desktop = openDesktop();
      await desktop.sync.enrol(f.server.url, code, `pc-${name}`);
      produceCalls(desktop, 2, 3);
      await desktop.sync.syncer!.flush();
      agents.push({ agentId, desktop, team });
    }
  });
  afterAll(async () => f?.close());

  it('a supervisor lists the agents and moments of their own team, by pseudonym', async () => {
    const res = await f.api<AgentsReply>(supNorth, 'GET', '/api/team/agents');
    expect(res.status).toBe(200);
    const northIds = agents.filter((a) => a.team === 'north').map((a) => a.agentId).sort();
    expect(res.body.agents.map((a) => a.agentId).sort()).toEqual(northIds);
    expect(res.body.agents.every((a) => a.label.startsWith('agent-') && a.findingCount === 6)).toBe(true);

    const list = await f.api<FindingsReply>(supNorth, 'GET', '/api/team/findings?limit=100');
    expect(list.body.findings).toHaveLength(12);
    expect(new Set(list.body.findings.map((x) => x.agentId))).toEqual(new Set(northIds));
    // Newest first.
    const times = list.body.findings.map((x) => String(x.occurredAt));
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages through findings with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const q: string = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
      const res: { body: FindingsReply } = await f.api<FindingsReply>(supNorth, 'GET', `/api/team/findings?limit=5${q}`);
      seen.push(...res.body.findings.map((x) => String(x.id)));
      cursor = res.body.next;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('shows names only when the policy allows it', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: true, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const res = await f.api<AgentsReply>(supNorth, 'GET', '/api/team/agents');
    expect(res.body.agents.map((a) => a.label).sort()).toEqual(['Anna', 'Bram']);
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
  });

  it("a supervisor cannot open another team's agents, calls or findings", async () => {
    const cor = agents.find((a) => a.team === 'south')!;
    expect((await f.api(supNorth, 'GET', `/api/team/agents/${cor.agentId}/calls`)).status).toBe(403);
    expect((await f.api(supNorth, 'GET', `/api/team/calls/${serverId(cor.desktop, cor.desktop.calls[0]!.id)}`)).status).toBe(403);
    expect((await f.api(supNorth, 'GET', `/api/team/findings?agentId=${cor.agentId}`)).status).toBe(403);
    expect((await f.api(supNorth, 'POST', `/api/team/findings/${serverId(cor.desktop, cor.desktop.findings[0]!.id)}/marks`, { verdict: 'wrong' })).status).toBe(403);
    // ...while their own supervisor can.
    const own = await f.api<{ findings: unknown[] }>(supSouth, 'GET', `/api/team/calls/${serverId(cor.desktop, cor.desktop.calls[0]!.id)}`);
    expect(own.status).toBe(200);
    expect(own.body.findings).toHaveLength(3);
    // Supervisors cannot administer.
    expect((await f.api(supNorth, 'POST', '/api/admin/teams', { name: 'x' })).status).toBe(403);
    expect((await f.api(supNorth, 'GET', '/api/admin/audit')).status).toBe(403);
  });

  it('a trainer sees anonymised findings and trends, never an agent', async () => {
    const list = await f.api<FindingsReply>(trainer, 'GET', '/api/team/findings?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.findings).toHaveLength(18);
    for (const x of list.body.findings) {
      expect(x).not.toHaveProperty('agentId');
      expect(x).not.toHaveProperty('snippet');
      expect(x).not.toHaveProperty('callId');
    }
    expect((await f.api(trainer, 'GET', '/api/team/agents')).status).toBe(403);
    expect((await f.api(trainer, 'GET', `/api/team/agents/${agents[0]!.agentId}/calls`)).status).toBe(403);
    const trends = await f.api<{ trends: { behaviour: string; count: number }[] }>(trainer, 'GET', '/api/team/trends?days=7');
    expect(trends.body.trends.reduce((n, t) => n + t.count, 0)).toBe(18);
  });

  it('writes an audit entry per agent whose moments were viewed, and for marks', async () => {
    const anna = agents[0]!;
    const call = anna.desktop.calls[0]!;
    expect((await f.api(supNorth, 'GET', `/api/team/calls/${serverId(anna.desktop, call.id)}`)).status).toBe(200);
    const mark = await f.api(supNorth, 'POST', `/api/team/findings/${serverId(anna.desktop, anna.desktop.findings[0]!.id)}/marks`, { verdict: 'right', comment: 'klopt' });
    expect(mark.status).toBe(201);
    const log = await f.api<{ entries: { action: string; agentId: string | null; callId: string | null; staff: string }[] }>(f.adminToken, 'GET', `/api/admin/audit?agentId=${anna.agentId}`);
    const bySanne = log.body.entries.filter((e) => e.staff === 'Sanne');
    expect(bySanne.map((e) => e.action)).toEqual(expect.arrayContaining(['view-agents', 'view-findings', 'view-call', 'mark-finding']));
    expect(bySanne.find((e) => e.action === 'view-call')?.callId).toBe(serverId(anna.desktop, call.id));
    // Kees never looked at Anna.
    expect(log.body.entries.some((e) => e.staff === 'Kees')).toBe(false);
    // Refused attempts show nothing and log no view of the other team's agent.
    const cor = agents.find((a) => a.team === 'south')!;
    const corLog = await f.api<{ entries: { staff: string; action: string }[] }>(f.adminToken, 'GET', `/api/admin/audit?agentId=${cor.agentId}`);
    expect(corLog.body.entries.filter((e) => e.staff === 'Sanne' && e.action.startsWith('view'))).toEqual([]);
  });

  it('the call view carries marks from the desktop and from staff', async () => {
    const bram = agents[1]!;
    const target = bram.desktop.findings[1]!;
    bram.desktop.sync.recordMark({ id: 'desk-mark-000001', findingId: target.id, verdict: 'wrong', comment: 'geen verschuilen', markedAt: new Date().toISOString() });
    await bram.desktop.sync.syncer!.flush();
    await f.api(supNorth, 'POST', `/api/team/findings/${serverId(bram.desktop, target.id)}/marks`, { verdict: 'right' });
    const res = await f.api<{ marks: { author: string; verdict: string; findingId: string }[] }>(supNorth, 'GET', `/api/team/calls/${serverId(bram.desktop, target.callId)}`);
    expect(res.body.marks.map((m) => [m.author, m.verdict])).toEqual([['desktop', 'wrong'], ['staff', 'right']]);
  });

  it('a revoked staff token opens nothing any more', async () => {
    const res = await f.api<{ staffId: string; token: string }>(f.adminToken, 'POST', '/api/admin/staff', { role: 'supervisor', name: 'Vertrokken', teamId: north });
    expect((await f.api(res.body.token, 'GET', '/api/team/agents')).status).toBe(200);
    expect((await f.api(f.adminToken, 'DELETE', `/api/admin/staff/${res.body.staffId}`)).status).toBe(200);
    expect((await f.api(res.body.token, 'GET', '/api/team/agents')).status).toBe(401);
  });

  it('rejects a bad query with a message naming it', async () => {
    const res = await f.api<{ error: string }>(supNorth, 'GET', '/api/team/findings?limit=100000');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/limit/);
    expect((await f.api(supNorth, 'GET', '/api/team/nothing')).status).toBe(404);
  });
});
