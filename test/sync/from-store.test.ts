// From the desktop's call store to the team server: a recorded call, its findings and the
// desktop supervisor's mark arrive once, with the store's words only where the policy allows,
// and only the moments the agent shared under 'agent-chooses'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../main/contracts/finding.ts';
import { findingSyncId, queueStoredCall, shareStoredFinding } from '../../main/sync/from-store.ts';
import { TeamSync } from '../../main/sync/team-sync.ts';
import { serverItemId } from '../../main/team/sync-contract.ts';
import { TeamClient } from '../../main/sync/team-client.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { markFinding } from '../../main/store/marks.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';
import { postgresUnavailableReason } from '../team/support/throwaway-postgres.ts';
import { addAgent, addTeam, startTeamFixture, type TeamFixture } from '../team/support/team-fixture.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`store-to-team test skipped: ${skip}`);

const flag: Finding = {
  kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.Verschuilen.Directie', atMs: 12_500, tip: 'Neem zelf eigenaarschap.', severity: 'medium', source: 'text',
  span: { startChar: 0, endChar: 17, text: 'de directie vindt' }, utterance: { startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' },
  rangeMs: { startMs: 11_000, endMs: 13_000 },
};
const praise: Finding = { kind: 'praise', behaviour: 'uit_laten_praten', ruleId: 'nl.Timing.UitLatenPraten', atMs: 40_000, tip: 'Goed: u liet de klant uitpraten.', severity: 'info', source: 'timing', rangeMs: { startMs: 35_000, endMs: 40_000 } };

const TURNS = [{ party: 'customer', startMs: 5000, endMs: 11_400 }, { party: 'agent', startMs: 11_000, endMs: 13_000 }] as const;

function recordCall(store: CallStore): { callId: string; flagId: number; praiseId: number } {
  const rec = createCallRecorder(store);
  const now = Date.now();
  const callId = rec.startCall({ agentId: 'lokaal', startedAtMs: now - 600_000 });
  rec.recordUtterance(callId, { startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' });
  const flagId = rec.recordFinding(callId, flag);
  const praiseId = rec.recordFinding(callId, praise);
  for (const segment of TURNS) rec.recordTurnSegment(callId, segment);
  rec.endCall(callId, { endedAtMs: now - 300_000, agentTalkShare: 0.4 });
  return { callId, flagId, praiseId };
}

describe.skipIf(skip)('call store to team server', () => {
  let f: TeamFixture;
  let team: string;
  beforeAll(async () => {
    f = await startTeamFixture();
    team = await addTeam(f, 'Noord');
  });
  afterAll(async () => f?.close());

  it('sends a recorded call with its findings and the desktop mark, once', async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const store = openStore(':memory:');
    const sync = new TeamSync(store.db);
    const { agentId, code } = await addAgent(f, team);
    const { deviceId } = await sync.enrol(f.server.url, code, 'pc');
    const onServer = (id: string): string => serverItemId(deviceId, id);
    const { callId, flagId } = recordCall(store);
    markFinding(store, flagId, { verdict: 'wrong', comment: 'klant vroeg ernaar' }, 'sanne');

    const queued = queueStoredCall(sync, store, callId);
    expect(queued.findings.map((x) => x.result)).toEqual(['queued', 'queued']);
    queueStoredCall(sync, store, callId); // again: same ids, nothing doubles
    expect(await sync.syncer!.flush()).toBe(true);

    const calls = await f.pool.query<{ summary: { flagCount: number; praiseCount: number; agentTalkShare: number; durationMs: number } }>('SELECT summary FROM calls WHERE id = $1 AND agent_id = $2', [onServer(callId), agentId]);
    expect(calls.rows[0]!.summary).toEqual({ flagCount: 1, praiseCount: 1, agentTalkShare: 0.4, durationMs: 300_000 });
    const findings = await f.pool.query<{ id: string; snippet: string | null }>('SELECT id, snippet FROM findings WHERE call_id = $1 ORDER BY at_ms', [onServer(callId)]);
    expect(findings.rows).toEqual([
      { id: onServer(findingSyncId(callId, flagId)), snippet: 'de directie vindt dat niet nodig' },
      { id: expect.stringMatching(/-f\d+$/), snippet: null },
    ]);
    const marks = await f.pool.query('SELECT verdict, comment, author_kind FROM marks');
    expect(marks.rows).toEqual([{ verdict: 'wrong', comment: 'klant vroeg ernaar', author_kind: 'desktop' }]);
    // Who spoke when went with the call, for the team's review bars.
    const turns = await f.pool.query<{ turns: unknown }>('SELECT turns FROM calls WHERE id = $1', [onServer(callId)]);
    expect(turns.rows[0]!.turns).toEqual(TURNS);
    store.close();
  });

  it("under 'agent-chooses', only the finding the agent shares leaves the desktop", async () => {
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'agent-chooses', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const store = openStore(':memory:');
    const sync = new TeamSync(store.db);
    const { code } = await addAgent(f, team);
    const { deviceId } = await sync.enrol(f.server.url, code, 'pc');
    const onServer = (id: string): string => serverItemId(deviceId, id);
    const { callId, praiseId } = recordCall(store);
    expect(queueStoredCall(sync, store, callId).findings.map((x) => x.result)).toEqual(['awaiting-agent', 'awaiting-agent']);
    expect(shareStoredFinding(sync, store, callId, praiseId)).toBe('queued');
    await sync.syncer!.flush();
    const { rows } = await f.pool.query<{ id: string }>('SELECT id FROM findings WHERE call_id = $1', [onServer(callId)]);
    expect(rows.map((r) => r.id)).toEqual([onServer(findingSyncId(callId, praiseId))]);
    // No words left the desktop: the policy does not share snippets.
    const words = await f.pool.query(`SELECT 1 FROM findings WHERE call_id = $1 AND (snippet IS NOT NULL OR evidence::text LIKE '%directie%')`, [onServer(callId)]);
    expect(words.rowCount).toBe(0);
    // Nor the call's timing: it would show what the agent chose not to share.
    const turns = await f.pool.query<{ turns: unknown }>('SELECT turns FROM calls WHERE id = $1', [onServer(callId)]);
    expect(turns.rows[0]!.turns).toBeNull();
    // ...and the server enforces it: a desktop that sends them anyway has them dropped.
    const e = sync.enrolment!;
    await new TeamClient({ baseUrl: e.baseUrl, token: e.token }).sendBatch([{
      type: 'call', id: callId, startedAt: new Date().toISOString(), endedAt: null, summary: { durationMs: 0, flagCount: 0, praiseCount: 1 }, turns: [...TURNS],
    }]);
    const forced = await f.pool.query<{ turns: unknown }>('SELECT turns FROM calls WHERE id = $1', [onServer(callId)]);
    expect(forced.rows[0]!.turns).toBeNull();
    store.close();
  });
});
