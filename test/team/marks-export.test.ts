// Admins export the supervisors' verdicts as training lines (GET /api/admin/marks/export), within
// the sharing policy, audited, against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelledLine } from '../../main/rules/evaluate.ts';
import { postgresUnavailableReason } from './support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from './support/team-fixture.ts';
import { openDesktop, produceCalls, serverId, type SimulatedDesktop } from '../sync/support/desktop.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team marks-export tests skipped: ${skip}`);

interface ExportReply { lines: { id: string; text: string; labels: string[]; judged: string[] }[]; withoutWords: number }
const SHARING = { sharing: 'share-all', showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 };

describe.skipIf(skip)('team server: marks as training lines', () => {
  let f: TeamFixture;
  let supervisor: string;
  let trainer: string;
  let agentId: string;
  let desktop: SimulatedDesktop;

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { ...SHARING, shareSnippets: true });
    const team = await addTeam(f, 'Noord');
    supervisor = await addStaff(f, 'supervisor', 'Sanne', team);
    trainer = await addStaff(f, 'trainer', 'Tineke');
    const agent = await addAgent(f, team, 'Anna');
    agentId = agent.agentId;
    desktop = openDesktop();
    await desktop.sync.enrol(f.server.url, agent.code, 'pc-anna');
    // One call: verschuilen (text), begrip_tonen (text), onderbreken (timing: no words to learn from).
    produceCalls(desktop, 1, 3);
    await desktop.sync.syncer!.flush();
    const [hiding, empathy, interrupting] = desktop.findings.map((r) => serverId(desktop, r.id));
    for (const [id, verdict] of [[hiding, 'right'], [empathy, 'wrong'], [interrupting, 'right']] as const) {
      expect((await f.api(supervisor, 'POST', `/api/team/findings/${id}/marks`, { verdict })).status).toBe(201);
    }
  });
  afterAll(async () => f?.close());

  it("gives an admin each marked utterance's words: Terecht a positive, Onterecht a negative, of that behaviour only", async () => {
    const res = await f.api<ExportReply>(f.adminToken, 'GET', '/api/admin/marks/export');
    expect(res.status).toBe(200);
    const byText = new Map(res.body.lines.map((l) => [l.text, l]));
    expect(res.body.lines).toHaveLength(2);
    expect(byText.get('de directie vindt dat niet nodig')).toMatchObject({ labels: ['verschuilen'], judged: ['verschuilen'] });
    expect(byText.get('wat vervelend voor u dat dit gebeurt')).toMatchObject({ labels: [], judged: ['begrip_tonen'] });
    // The lines are what `npm run train -- --extra` reads, and name no agent, call or finding.
    for (const line of res.body.lines) {
      expect(LabelledLine.safeParse(line).success).toBe(true);
      expect(line.id).toMatch(/^team-mark-[0-9a-f]{16}$/);
    }
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(agentId);
    expect(body).not.toContain(desktop.calls[0]!.id);
  });

  it('is for admins only', async () => {
    expect((await f.api(supervisor, 'GET', '/api/admin/marks/export')).status).toBe(403);
    expect((await f.api(trainer, 'GET', '/api/admin/marks/export')).status).toBe(403);
    expect((await f.api(null, 'GET', '/api/admin/marks/export')).status).toBe(401);
  });

  it('writes an audit row naming the agent whose words went out and how many lines', async () => {
    await f.api(f.adminToken, 'GET', '/api/admin/marks/export');
    const log = await f.api<{ entries: { action: string; agentId: string | null; detail: Record<string, number> }[] }>(f.adminToken, 'GET', `/api/admin/audit?agentId=${agentId}`);
    const row = log.body.entries.find((e) => e.action === 'export-marks');
    // Two marks on text findings; the mark on the timing finding has no words to export.
    expect(row).toMatchObject({ agentId, detail: { lines: 2, marks: 2, withoutWords: 0 } });
  });

  it('exports no words once the policy stops sharing snippets, and counts the marks left without', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { ...SHARING, shareSnippets: false });
    const res = await f.api<ExportReply>(f.adminToken, 'GET', '/api/admin/marks/export');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ lines: [], withoutWords: 2 });
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { ...SHARING, shareSnippets: true });
  });
});
