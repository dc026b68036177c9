// Team server figures, on a throwaway PostgreSQL on loopback (the same harness as the tests):
//  1. sync throughput: 200 simulated desktops (each its own SQLite outbox and HTTP client)
//     flush their calls and findings to one team server at the same time;
//  2. review list time with 1,000,000 findings stored (generated server-side with
//     generate_series), for the queries a supervisor's screen makes.
// Prints medians and p95; asserts nothing about time (shared, noisy machines).
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Outbox } from '../main/sync/outbox.ts';
import { Syncer, type BatchSender } from '../main/sync/syncer.ts';
import { TeamClient } from '../main/sync/team-client.ts';
import { createPool } from '../main/team/db/pool.ts';
import { migrate } from '../main/team/db/migrate.ts';
import { createAgent, createOrganisation, createStaff, createTeam, issueEnrolmentCode } from '../main/team/provisioning.ts';
import { startTeamServer } from '../main/team/server.ts';
import { HELPFUL_IDS, UNHELPFUL_IDS } from '../main/contracts/behaviours.ts';
import { postgresUnavailableReason, startThrowawayPostgres } from '../test/team/support/throwaway-postgres.ts';
import { fmt, median, percentile } from './stats.ts';

const DESKTOPS = Number(process.env.TEAM_BENCH_DESKTOPS ?? 200);
const CALLS_PER_DESKTOP = 5;
const FINDINGS_PER_CALL = 8;
const BATCH = 50;
const BASELINE = 10;
const FINDINGS_STORED = Number(process.env.TEAM_BENCH_FINDINGS ?? 1_000_000);
const LIST_REPEATS = 30;

export default async function teamBench(): Promise<void> {
  const skip = postgresUnavailableReason();
  if (skip) {
    console.log(`skipped: ${skip}`);
    return;
  }
  // PostgreSQL's own default buffer size, so the 1M-row figures are not starved of cache.
  const pgServer = await startThrowawayPostgres({ sharedBuffers: '128MB' });
  const pool = createPool({ url: pgServer.url, max: 20 });
  const server = await startTeamServer({ pool, purgeIntervalMs: 0 });
  try {
    await migrate(pool);
    await syncThroughput(pool, server.url);
    await reviewListTime(pool, server.url);
  } finally {
    await server.close();
    await pool.end();
    pgServer.destroy();
  }
}

async function syncThroughput(pool: ReturnType<typeof createPool>, url: string): Promise<void> {
  const { orgId, adminId } = await createOrganisation(pool, 'Bench sync');
  await pool.query(`UPDATE organisations SET sharing = 'share-all' WHERE id = $1`, [orgId]);
  const teamId = await createTeam(pool, orgId, 'Sync');
  const latencies: number[] = [];
  const desktops: { syncer: Syncer; outbox: Outbox }[] = [];
  // BASELINE extra desktops sync one after the other first, so DESKTOPS sync at once afterwards.
  for (let i = 0; i < DESKTOPS + BASELINE; i++) {
    const agentId = await createAgent(pool, orgId, teamId, null);
    const { code } = await issueEnrolmentCode(pool, agentId, adminId);
    const { token } = await new TeamClient({ baseUrl: url }).enrol(code, `bench-${i}`);
    const client = new TeamClient({ baseUrl: url, token });
    const timed: BatchSender = {
      async sendBatch(items) {
        const t0 = performance.now();
        try {
          return await client.sendBatch(items);
        } finally {
          latencies.push(performance.now() - t0);
        }
      },
    };
    const outbox = new Outbox(new Database(':memory:'));
    for (let c = 0; c < CALLS_PER_DESKTOP; c++) {
      const callId = randomUUID();
      const startedAt = new Date(Date.now() - 3_600_000 + c * 60_000);
      outbox.enqueue({ type: 'call', id: callId, startedAt: startedAt.toISOString(), endedAt: null, summary: { durationMs: 60_000, flagCount: FINDINGS_PER_CALL, praiseCount: 0 } });
      for (let k = 0; k < FINDINGS_PER_CALL; k++) {
        outbox.enqueue({
          type: 'finding', id: randomUUID(), callId, occurredAt: new Date(startedAt.getTime() + k * 5000).toISOString(), sharedByAgent: true,
          finding: { kind: 'flag', behaviour: 'onderbreken', ruleId: 'nl.Timing.Onderbreken', atMs: k * 5000, tip: 'Laat de klant uitpraten.', severity: 'high', source: 'timing', rangeMs: { startMs: k * 5000, endMs: k * 5000 + 800 } },
        });
      }
    }
    desktops.push({ outbox, syncer: new Syncer({ outbox, client: timed, batchSize: BATCH, backoff: { baseMs: 50, maxMs: 1000 } }) });
  }
  // Baseline first: one desktop alone, batch after batch, so the round trip without queueing
  // behind 199 others is visible too.
  for (const alone of desktops.slice(0, BASELINE)) await alone.syncer.flush(200);
  const aloneLatencies = latencies.splice(0);
  console.log(`sync, one desktop at a time (${BASELINE} desktops): batch round trip median ${fmt(median(aloneLatencies))} ms, p95 ${fmt(percentile(aloneLatencies, 95))} ms`);

  const rest = desktops.slice(BASELINE);
  const items = rest.length * CALLS_PER_DESKTOP * (1 + FINDINGS_PER_CALL);
  const t0 = performance.now();
  const done = await Promise.all(rest.map((d) => d.syncer.flush(200)));
  const seconds = (performance.now() - t0) / 1000;
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM findings f JOIN agents a ON a.id = f.agent_id WHERE a.org_id = $1', [orgId]);
  console.log(`sync: ${rest.length} desktops at once, ${items} items (${CALLS_PER_DESKTOP} calls x ${FINDINGS_PER_CALL} findings each), batches of ${BATCH}`);
  console.log(`  all drained: ${done.every(Boolean)}; findings on server: ${rows[0]!.n} of ${(DESKTOPS + BASELINE) * CALLS_PER_DESKTOP * FINDINGS_PER_CALL}`);
  console.log(`  (load average while measuring: ${loadavg().map((l) => fmt(l, 1)).join(' ')} on ${cpus().length} cores)`);
  console.log(`  throughput: ${fmt(items / seconds, 0)} items/s (${fmt(seconds)} s in total)`);
  console.log(`  batch round trip: median ${fmt(median(latencies))} ms, p95 ${fmt(percentile(latencies, 95))} ms over ${latencies.length} batches`);
}

async function reviewListTime(pool: ReturnType<typeof createPool>, url: string): Promise<void> {
  const { orgId } = await createOrganisation(pool, 'Bench review');
  await pool.query(`UPDATE organisations SET sharing = 'share-all', share_snippets = true WHERE id = $1`, [orgId]);
  const teams = 20;
  const agents = 1000;
  const findingsPerCall = 20;
  const calls = Math.ceil(FINDINGS_STORED / findingsPerCall);
  const behaviours = [...UNHELPFUL_IDS, ...HELPFUL_IDS];
  const g0 = performance.now();
  await pool.query(`INSERT INTO teams (org_id, name) SELECT $1, 'Team ' || t FROM generate_series(0, $2 - 1) t`, [orgId, teams]);
  await pool.query(
    `INSERT INTO agents (id, org_id, team_id)
     SELECT 'agent-bench-' || a, $1, t.id FROM generate_series(0, $2 - 1) a JOIN teams t ON t.org_id = $1 AND t.name = 'Team ' || (a % $3)`,
    [orgId, agents, teams],
  );
  // Calls spread over the last 80 days (within the 90-day retention), 20 findings each.
  await pool.query(
    `INSERT INTO calls (id, agent_id, started_at, summary)
     SELECT 'bench-c-' || c, 'agent-bench-' || (c % $2), now() - (c % 80) * interval '1 day' - (c % 997) * interval '1 minute',
            '{"durationMs": 300000, "flagCount": 20, "praiseCount": 0}'
       FROM generate_series(0, $1 - 1) c`,
    [calls, agents],
  );
  await pool.query(
    `INSERT INTO findings (id, call_id, agent_id, occurred_at, kind, behaviour, rule_id, at_ms, severity, source, tip, snippet)
     SELECT 'bench-f-' || g, 'bench-c-' || (g / $3), 'agent-bench-' || ((g / $3) % $2),
            now() - ((g / $3) % 80) * interval '1 day' - ((g / $3) % 997) * interval '1 minute' + (g % $3) * interval '10 seconds',
            CASE WHEN g % $5 < $6 THEN 'flag' ELSE 'praise' END, ($4::text[])[1 + g % $5], 'bench.rule', (g % $3) * 10000, 'medium', 'text',
            'Laat de klant uitpraten.', 'de directie vindt dat niet nodig'
       FROM generate_series(0, $1 - 1) g`,
    [FINDINGS_STORED, agents, findingsPerCall, behaviours, behaviours.length, UNHELPFUL_IDS.length],
  );
  await pool.query('ANALYZE');
  const generateS = (performance.now() - g0) / 1000;
  const { rows: teamRows } = await pool.query<{ id: string }>(`SELECT id FROM teams WHERE org_id = $1 AND name = 'Team 0'`, [orgId]);
  const supervisor = (await createStaff(pool, orgId, 'supervisor', 'Bench supervisor', teamRows[0]!.id)).token;
  const admin = (await createStaff(pool, orgId, 'admin', 'Bench admin', null)).token;
  console.log(`review: ${FINDINGS_STORED} findings stored (${agents} agents in ${teams} teams, ${calls} calls); generated in ${fmt(generateS, 1)} s`);

  const get = async (token: string, path: string): Promise<{ ms: number; body: { findings?: unknown[]; agents?: unknown[]; next?: string | null } }> => {
    const t0 = performance.now();
    const res = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { findings?: unknown[]; agents?: unknown[]; next?: string | null };
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const measure = async (label: string, token: string, path: string | (() => string)): Promise<void> => {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < LIST_REPEATS; i++) {
      const r = await get(token, typeof path === 'string' ? path : path());
      times.push(r.ms);
      count = (r.body.findings ?? r.body.agents ?? []).length;
    }
    console.log(`  ${label.padEnd(46)} median ${fmt(median(times)).padStart(7)} ms  p95 ${fmt(percentile(times, 95)).padStart(7)} ms  (${count} rows, ${LIST_REPEATS} requests)`);
  };
  await measure('supervisor, own team, newest 50', supervisor, '/api/team/findings?limit=50');
  await measure('supervisor, own team, one behaviour, 50', supervisor, '/api/team/findings?limit=50&behaviour=verschuilen');
  await measure('supervisor, one agent, newest 50', supervisor, '/api/team/findings?limit=50&agentId=agent-bench-0');
  await measure('admin, whole organisation, newest 50', admin, '/api/team/findings?limit=50');
  let deepCursor = '';
  {
    let next: string | null = null;
    for (let p = 0; p < 20; p++) next = (await get(supervisor, `/api/team/findings?limit=50${next ? `&before=${encodeURIComponent(next)}` : ''}`)).body.next ?? null;
    deepCursor = next ?? '';
  }
  if (deepCursor) await measure('supervisor, own team, page 21 (cursor)', supervisor, () => `/api/team/findings?limit=50&before=${encodeURIComponent(deepCursor)}`);
  await measure('supervisor, agents list with counts', supervisor, '/api/team/agents');
}
