// The desktop's review screens served by the team server: same API shapes, but answered from
// PostgreSQL, scoped to the signed-in supervisor's team, audited, and marks written back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from './support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from './support/team-fixture.ts';
import { openDesktop, produceCalls, SAMPLE_TURNS, serverId, type SimulatedDesktop } from '../sync/support/desktop.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team review-screen tests skipped: ${skip}`);

interface Browserish {
  cookie: string;
  csrf: string;
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: unknown; text: string }>;
}

describe.skipIf(skip)('review screens on the team server', () => {
  let f: TeamFixture;
  let supToken: string;
  let trainerToken: string;
  let anna: { agentId: string; d: SimulatedDesktop };
  let cor: { agentId: string; d: SimulatedDesktop };

  const signIn = async (username: string, password: string): Promise<Browserish | { status: number; error: string }> => {
    const res = await fetch(`${f.server.url}/review/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const json = (await res.json()) as { csrfToken?: string; error?: string };
    if (res.status !== 200) return { status: res.status, error: json.error ?? '' };
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = json.csrfToken!;
    return {
      cookie, csrf,
      async call(method, path, body) {
        const headers: Record<string, string> = { cookie };
        if (method !== 'GET') headers['x-csrf-token'] = csrf;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const r = await fetch(`${f.server.url}/review/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await r.text();
        let json: unknown = null;
        try { json = JSON.parse(text); } catch { /* CSV */ }
        return { status: r.status, json, text };
      },
    };
  };

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const north = await addTeam(f, 'Noord');
    const south = await addTeam(f, 'Zuid');
    supToken = await addStaff(f, 'supervisor', 'Sanne de Vries', north);
    trainerToken = await addStaff(f, 'trainer', 'Tineke');
    const enrol = async (team: string): Promise<{ agentId: string; d: SimulatedDesktop }> => {
      const { agentId, code } = await addAgent(f, team);
      const d = openDesktop();
      await d.sync.enrol(f.server.url, code, 'pc');
      produceCalls(d, 2, 3);
      await d.sync.syncer!.flush();
      return { agentId, d };
    };
    anna = await enrol(north);
    cor = await enrol(south);
  });
  afterAll(async () => f?.close());

  it('signs in with name and personal token; wrong pairs and trainers are refused', async () => {
    expect(await signIn('Sanne de Vries', 'usr_wrongwrongwrongwrong')).toMatchObject({ status: 401 });
    expect(await signIn('Kees', supToken)).toMatchObject({ status: 401 });
    expect(await signIn('Tineke', trainerToken)).toMatchObject({ status: 403 });
    const s = await signIn('sanne de vries', supToken);
    expect('cookie' in s).toBe(true);
  });

  it("lists only the own team's calls, in the desktop API's shape", async () => {
    const s = (await signIn('Sanne de Vries', supToken)) as Browserish;
    const page = await s.call('GET', 'api/calls');
    expect(page.status).toBe(200);
    const body = page.json as { total: number; calls: { id: string; agentId: string; startedAtMs: number; flags: number; praise: number; marked: number }[] };
    expect(body.total).toBe(2);
    expect(body.calls.map((c) => c.id).sort()).toEqual(anna.d.calls.map((c) => serverId(anna.d, c.id)).sort());
    expect(body.calls[0]).toMatchObject({ agentId: anna.agentId, flags: 2, praise: 1, marked: 0 });
    expect(typeof body.calls[0]!.startedAtMs).toBe('number');
    expect((await s.call('GET', 'api/agents')).json).toEqual([anna.agentId]);
    // The other team's call does not open.
    expect((await s.call('GET', `api/calls/${serverId(cor.d, cor.d.calls[0]!.id)}`)).status).toBe(403);
  });

  it('opens a call with the words around each finding and takes a mark', async () => {
    const s = (await signIn('Sanne de Vries', supToken)) as Browserish;
    const callId = serverId(anna.d, anna.d.calls[0]!.id);
    const detail = (await s.call('GET', `api/calls/${callId}`)).json as {
      findings: { id: string; span: { text: string | null } | null; contextUtteranceIds: number[]; mark: unknown }[];
      utterances: { id: number; text: string | null }[];
      turns: unknown[];
    };
    expect(detail.findings).toHaveLength(3);
    // Who spoke when came with the call (the policy shares every moment), for the timing bars.
    expect(detail.turns).toEqual(SAMPLE_TURNS);
    const first = detail.findings[0]!;
    expect(first.span?.text).toBe('de directie vindt');
    expect(detail.utterances.find((u) => u.id === first.contextUtteranceIds[0])?.text).toBe('de directie vindt dat niet nodig');

    // A write without the CSRF token is refused; with it, the mark lands.
    const noCsrf = await fetch(`${f.server.url}/review/api/findings/${first.id}/mark`, { method: 'PUT', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ verdict: 'wrong' }) });
    expect(noCsrf.status).toBe(403);
    expect((await s.call('PUT', `api/findings/${first.id}/mark`, { verdict: 'wrong', comment: 'context ontbreekt' })).status).toBe(200);
    const after = (await s.call('GET', `api/calls/${callId}`)).json as { findings: { id: string; mark: { verdict: string; supervisor: string } | null }[] };
    expect(after.findings.find((x) => x.id === first.id)?.mark).toMatchObject({ verdict: 'wrong', supervisor: 'Sanne de Vries' });
    expect((await s.call('PUT', `api/findings/${serverId(cor.d, cor.d.findings[0]!.id)}/mark`, { verdict: 'right' })).status).toBe(403);

    const trends = (await s.call('GET', 'api/trends?weeks=4')).json as { weeks: string[]; callsPerWeek: number[]; series: { behaviour: string; counts: number[]; markedWrong: number[] }[] };
    expect(trends.weeks).toHaveLength(4);
    expect(trends.callsPerWeek.reduce((a, b) => a + b, 0)).toBe(2);
    expect(trends.series.find((x) => x.behaviour === 'verschuilen')?.markedWrong.reduce((a, b) => a + b, 0)).toBe(1);

    const csv = await s.call('GET', `api/export.csv?csrf=${s.csrf}`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + 6);
    // The catalogue's one Dutch name beside each behaviour id, as the screens show it (issue 14).
    expect(csv.text.split('\r\n')[0]).toContain(',gedrag,gedrag_naam,');
    expect(csv.text).toContain(',verschuilen,Verschuilen achter de organisatie,');
    expect(csv.text).not.toContain(cor.agentId);

    const log = await f.api<{ entries: { action: string; staff: string; callId: string | null }[] }>(f.adminToken, 'GET', `/api/admin/audit?agentId=${anna.agentId}`);
    expect(log.body.entries.filter((e) => e.staff === 'Sanne de Vries').map((e) => e.action)).toEqual(expect.arrayContaining(['view-calls', 'view-call', 'mark-finding', 'view-findings']));
  });

  it('signs out, after which the cookie opens nothing', async () => {
    const s = (await signIn('Sanne de Vries', supToken)) as Browserish;
    expect((await s.call('DELETE', 'api/session')).status).toBe(200);
    expect((await s.call('GET', 'api/calls')).status).toBe(401);
  });
});
