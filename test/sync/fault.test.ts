// Sync under faults, against a real team server on a real PostgreSQL: 12 desktops keep
// producing calls, findings and marks while a proxy cuts connections at random, the team server
// is stopped and started again, and PostgreSQL itself restarts. Afterwards the server must hold
// exactly what the desktops produced: the same ids, the latest version of each, nothing twice,
// nothing refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamServer, type RunningTeamServer } from '../../main/team/server.ts';
import { postgresUnavailableReason } from '../team/support/throwaway-postgres.ts';
import { addAgent, addTeam, startTeamFixture, type TeamFixture } from '../team/support/team-fixture.ts';
import { openDesktop, produceCalls, type SimulatedDesktop, serverId } from './support/desktop.ts';
import { seededRandom, startFlakyProxy, type FlakyProxy } from './support/flaky-proxy.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`sync fault test skipped: ${skip}`);

const DESKTOPS = 12;
const ROUNDS = 8;
const SEED = Number(process.env.FAULT_SEED ?? 20261127);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip)('sync survives a bad network, a server restart and a database restart', () => {
  let f: TeamFixture;
  let proxy: FlakyProxy;
  let server: RunningTeamServer;
  const desktops: { agentId: string; d: SimulatedDesktop; marks: string[] }[] = [];

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    server = f.server;
    proxy = await startFlakyProxy(server.port, SEED, 0.3);
    const team = await addTeam(f, 'Noord');
    for (let i = 0; i < DESKTOPS; i++) {
      const { agentId, code } = await addAgent(f, team);
      // Enrol directly (no faults yet); sync goes through the flaky proxy.
      const d = openDesktop({ backoff: { baseMs: 20, maxMs: 400 }, idlePollMs: 100, batchSize: 16, timeoutMs: 3000 });
      const e = await d.sync.enrol(f.server.url, code, `pc-${i}`);
      d.db.prepare(`UPDATE team_sync_settings SET value = ? WHERE key = 'enrolment'`).run(JSON.stringify({ ...e, baseUrl: `http://127.0.0.1:${proxy.port}` }));
      desktops.push({ agentId, d, marks: [] });
    }
  });
  afterAll(async () => {
    for (const { d } of desktops) await d.sync.syncer?.stop();
    await proxy?.close();
    await f?.close();
  });

  it('ends with exactly the desktops’ data on the server', async () => {
    const random = seededRandom(SEED + 1);
    const errorsSeen = new Set<string>();
    for (const { d } of desktops) {
      d.sync.syncer!.state.subscribe((s) => {
        if (s.lastError) errorsSeen.add(s.lastError.replace(/127\.0\.0\.1:\d+/, 'proxy'));
      });
      d.sync.syncer!.start();
    }

    const produce = async (): Promise<void> => {
      for (let round = 0; round < ROUNDS; round++) {
        for (const desk of desktops) {
          produceCalls(desk.d, 1, 4);
          // A call summary that grows after its first version was queued (maybe already sent).
          const call = desk.d.calls.at(-1)!;
          call.summary = { ...call.summary, flagCount: call.summary.flagCount + 1 };
          desk.d.sync.recordCall(call);
          // The agent marks one of their findings.
          const target = desk.d.findings[Math.floor(random() * desk.d.findings.length)]!;
          const id = randomUUID();
          desk.marks.push(id);
          desk.d.sync.recordMark({ id, findingId: target.id, verdict: random() < 0.5 ? 'right' : 'wrong', markedAt: new Date().toISOString() });
        }
        await sleep(250);
      }
    };

    const faults = async (): Promise<void> => {
      await sleep(250);
      // The team server goes away mid-sync and comes back on the same port.
      await server.close();
      await sleep(600);
      server = await startTeamServer({ pool: f.pool, port: f.server.port, purgeIntervalMs: 0 });
      await sleep(300);
      // PostgreSQL restarts under the running team server (open connections are cut).
      f.pg.stop();
      await sleep(400);
      f.pg.start();
    };

    await Promise.all([produce(), faults()]);

    // Bounded wait until every outbox is empty.
    let drained = false;
    for (let i = 0; i < 600 && !drained; i++) {
      drained = desktops.every(({ d }) => d.sync.outbox.counts().pending === 0);
      if (!drained) await sleep(100);
    }
    for (const { d } of desktops) await d.sync.syncer!.stop();
    const stuck = desktops.map(({ d }) => d.sync.syncer!.state.getState()).filter((s) => s.pending > 0);
    expect(stuck, JSON.stringify(stuck)).toEqual([]);

    // The network really was bad, and retries really happened.
    expect(proxy.stats.cutReplies).toBeGreaterThan(0);
    expect(proxy.stats.cutRequests).toBeGreaterThan(0);
    const errors = [...errorsSeen].join('\n');
    // The desktops met the stopped team server and the restarting database, not only the proxy.
    expect(errors).toMatch(/cannot reach its database/);
    expect(errors).toMatch(/ECONNRESET|socket hang up|cut off/);

    for (const { agentId, d, marks } of desktops) {
      expect(d.sync.outbox.counts()).toEqual({ pending: 0, rejected: 0 });
      const calls = await f.pool.query<{ id: string; flags: number }>(`SELECT id, (summary->>'flagCount')::int AS flags FROM calls WHERE agent_id = $1 ORDER BY id`, [agentId]);
      expect(calls.rows.map((r) => r.id)).toEqual(d.calls.map((c) => serverId(d, c.id)).sort());
      // The latest version of each call summary won, not an earlier one that arrived late.
      const wanted = new Map(d.calls.map((c) => [serverId(d, c.id), c.summary.flagCount]));
      for (const row of calls.rows) expect(row.flags).toBe(wanted.get(row.id));

      const findings = await f.pool.query<{ id: string }>('SELECT id FROM findings WHERE agent_id = $1 ORDER BY id', [agentId]);
      expect(findings.rows.map((r) => r.id)).toEqual(d.findings.map((x) => serverId(d, x.id)).sort());
      const serverMarks = await f.pool.query<{ id: string }>(
        'SELECT m.id FROM marks m JOIN findings f ON f.id = m.finding_id WHERE f.agent_id = $1 ORDER BY m.id', [agentId]);
      expect(serverMarks.rows.map((r) => r.id)).toEqual(marks.map((id) => serverId(d, id)).sort());
    }
    const totals = await f.pool.query<{ calls: number; findings: number; marks: number }>(
      'SELECT (SELECT count(*) FROM calls)::int AS calls, (SELECT count(*) FROM findings)::int AS findings, (SELECT count(*) FROM marks)::int AS marks');
    expect(totals.rows[0]).toEqual({ calls: DESKTOPS * ROUNDS, findings: DESKTOPS * ROUNDS * 4, marks: DESKTOPS * ROUNDS });
    console.log(`fault test: seed ${SEED}, ${proxy.stats.connections} connections, ${proxy.stats.cutRequests} requests cut, ${proxy.stats.cutReplies} replies cut\n  errors the desktops saw:\n  ${[...errorsSeen].join('\n  ')}`);
  });
});
