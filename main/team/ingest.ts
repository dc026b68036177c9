// Stores one sync batch from a desktop. Every item is an upsert keyed by the desktop's id (scoped
// to that desktop: serverItemId), so a batch that is sent again (the reply was lost when the
// network dropped) changes nothing, and no desktop can touch another's items.
//
// Items are first judged in code (dated in the future, expired by retention, not shared under
// 'agent-chooses'; dates a little ahead of the server's clock are clamped to it), then
// stored set-wise: one statement per item type, rows the statement did not return are the ones
// the server refuses (unknown call, id owned by another agent). That keeps a batch of 50 at four
// round trips. Should a set-wise statement still hit an integrity error, the batch is replayed
// item by item, each in its own savepoint, so one bad item cannot spoil the others. Any other
// database error fails the whole batch and the desktop retries it.
import type pg from 'pg';
import type { DevicePrincipal } from './principal.ts';
import { serverItemId, type SharingPolicy, type SyncItem, type SyncItemResult } from './sync-contract.ts';

const DAY_MS = 86_400_000;
/** How far ahead of the server's clock a desktop's clock may run; later dates are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

type CallItem = Extract<SyncItem, { type: 'call' }>;
type FindingItem = Extract<SyncItem, { type: 'finding' }>;
type MarkItem = Extract<SyncItem, { type: 'mark' }>;

const REASONS = {
  call: 'call id already used by another agent',
  finding: 'unknown call for this desktop',
  mark: 'the marked finding is not on the server (withdrawn, expired or never shared)',
  notShared: 'the organisation lets agents choose what to share, and this moment was not shared',
  future: 'dated in the future: check this desktop\'s clock',
} as const;

interface FindingRow {
  id: string;
  call_id: string;
  occurred_at: string;
  kind: string;
  behaviour: string;
  rule_id: string;
  at_ms: number;
  severity: string;
  source: string;
  tip: string;
  snippet: string | null;
  evidence: unknown;
}

/** What of a finding the server keeps: the agent's words only if the policy shares them and they are still in time. */
function findingRow(item: FindingItem, policy: SharingPolicy, nowMs: number): FindingRow {
  const f = item.finding;
  const keepWords = policy.shareSnippets && Date.parse(item.occurredAt) >= nowMs - policy.snippetRetentionDays * DAY_MS;
  const text = keepWords ? (f.utterance?.text || f.span?.text || null) : null;
  return {
    id: item.id, call_id: item.callId, occurred_at: item.occurredAt, kind: f.kind, behaviour: f.behaviour, rule_id: f.ruleId,
    at_ms: f.atMs, severity: f.severity, source: f.source, tip: f.tip, snippet: text,
    evidence: {
      span: f.span ? { startChar: f.span.startChar, endChar: f.span.endChar, ...(keepWords && f.span.text ? { text: f.span.text } : {}) } : undefined,
      utteranceMs: f.utterance ? { startMs: f.utterance.startMs, endMs: f.utterance.endMs } : undefined,
      rangeMs: f.rangeMs,
    },
  };
}

/** The dates an item carries: the server's retention is judged on them, so they are checked. */
function datesOf(item: SyncItem): (string | null)[] {
  switch (item.type) {
    case 'call': return [item.startedAt, item.endedAt];
    case 'finding': return [item.occurredAt];
    case 'mark': return [item.markedAt];
    case 'withdraw': return [];
  }
}

/**
 * The item with every date clamped to the time it was received: a desktop whose clock runs a
 * little ahead cannot date a moment past now, so nothing outlives the retention purge.
 */
function clampDates(item: SyncItem, nowMs: number): SyncItem {
  const clamp = (iso: string): string => (Date.parse(iso) > nowMs ? new Date(nowMs).toISOString() : iso);
  switch (item.type) {
    case 'call': return { ...item, startedAt: clamp(item.startedAt), endedAt: item.endedAt === null ? null : clamp(item.endedAt) };
    case 'finding': return { ...item, occurredAt: clamp(item.occurredAt) };
    case 'mark': return { ...item, markedAt: clamp(item.markedAt) };
    case 'withdraw': return item;
  }
}

/** Verdicts that need no database: dated in the future, expired, or withheld by the sharing policy. */
function judge(item: SyncItem, policy: SharingPolicy, nowMs: number): SyncItemResult | undefined {
  if (datesOf(item).some((iso) => iso !== null && Date.parse(iso) > nowMs + MAX_CLOCK_SKEW_MS)) {
    return { type: item.type, id: item.id, status: 'rejected', reason: REASONS.future };
  }
  const cutoff = nowMs - policy.findingRetentionDays * DAY_MS;
  if (item.type === 'call' && Date.parse(item.startedAt) < cutoff) return { type: item.type, id: item.id, status: 'expired' };
  if (item.type === 'finding') {
    if (Date.parse(item.occurredAt) < cutoff) return { type: item.type, id: item.id, status: 'expired' };
    if (policy.sharing === 'agent-chooses' && !item.sharedByAgent) return { type: item.type, id: item.id, status: 'rejected', reason: REASONS.notShared };
  }
  return undefined;
}

function isIntegrityError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('23');
}

export async function ingestBatch(
  client: pg.PoolClient,
  device: DevicePrincipal,
  policy: SharingPolicy,
  items: readonly SyncItem[],
  nowMs = Date.now(),
): Promise<SyncItemResult[]> {
  // The same item twice in one batch: the later copy is the desktop's latest version.
  const latest = new Map<string, SyncItem>();
  for (const item of items) latest.set(`${item.type}\u0000${item.id}`, item);
  const verdicts = new Map<string, SyncItemResult>();
  const toStore: SyncItem[] = [];
  for (const [key, item] of latest) {
    const verdict = judge(item, policy, nowMs);
    if (verdict) verdicts.set(key, verdict);
    else toStore.push(clampDates(item, nowMs));
  }

  // Stored under ids scoped to this desktop; the desktop hears back about its own ids.
  const scoped = toStore.map((item) => scopeIds(item, device.deviceId));
  await client.query('SAVEPOINT bulk');
  let stored: Map<string, SyncItemResult>;
  try {
    stored = await storeSetWise(client, device, policy, scoped, nowMs);
    await client.query('RELEASE SAVEPOINT bulk');
  } catch (err) {
    if (!isIntegrityError(err)) throw err;
    await client.query('ROLLBACK TO SAVEPOINT bulk');
    stored = await storeOneByOne(client, device, policy, scoped, nowMs);
  }
  toStore.forEach((item, i) => {
    const result = stored.get(`${item.type}\u0000${scoped[i]!.id}`)!;
    verdicts.set(`${item.type}\u0000${item.id}`, { ...result, id: item.id });
  });
  return items.map((item) => verdicts.get(`${item.type}\u0000${item.id}`)!);
}

/**
 * The item with its ids (and the ids it refers to) in this desktop's own namespace, so two
 * desktops can never claim or overwrite each other's calls, findings or marks, whatever ids
 * they make.
 */
function scopeIds(item: SyncItem, deviceId: string): SyncItem {
  const own = (id: string): string => serverItemId(deviceId, id);
  switch (item.type) {
    case 'call': return { ...item, id: own(item.id) };
    case 'finding': return { ...item, id: own(item.id), callId: own(item.callId) };
    case 'mark': return { ...item, id: own(item.id), findingId: own(item.findingId) };
    case 'withdraw': return { ...item, id: own(item.id) };
  }
}

async function storeSetWise(
  client: pg.PoolClient,
  device: DevicePrincipal,
  policy: SharingPolicy,
  items: readonly SyncItem[],
  nowMs: number,
): Promise<Map<string, SyncItemResult>> {
  const calls = items.filter((i): i is CallItem => i.type === 'call');
  const findings = items.filter((i): i is FindingItem => i.type === 'finding');
  const marks = items.filter((i): i is MarkItem => i.type === 'mark');
  const withdrawals = items.filter((i) => i.type === 'withdraw').map((i) => i.id);
  const ok = new Set<string>();

  // Calls first, then findings, then marks, so what each refers to is already there.
  if (calls.length > 0) {
    // Who spoke when shows how a call went even without its findings: only kept where the
    // organisation shares every moment, whatever a desktop sends.
    const keepTurns = policy.sharing === 'share-all';
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO calls (id, agent_id, device_id, started_at, ended_at, summary, turns)
       SELECT r.id, $1, $2, r.started_at, r.ended_at, r.summary, r.turns
         FROM jsonb_to_recordset($3::jsonb) AS r(id text, started_at timestamptz, ended_at timestamptz, summary jsonb, turns jsonb)
       ON CONFLICT (id) DO UPDATE
          SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at, summary = EXCLUDED.summary, turns = EXCLUDED.turns
        WHERE calls.agent_id = EXCLUDED.agent_id
       RETURNING id`,
      [device.agentId, device.deviceId, JSON.stringify(calls.map((c) => ({
        id: c.id, started_at: c.startedAt, ended_at: c.endedAt, summary: c.summary, turns: keepTurns ? c.turns ?? null : null,
      })))],
    );
    for (const r of rows) ok.add(`call\u0000${r.id}`);
  }
  if (findings.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO findings (id, call_id, agent_id, occurred_at, kind, behaviour, rule_id, at_ms, severity, source, tip, snippet, evidence)
       SELECT r.id, c.id, c.agent_id, r.occurred_at, r.kind, r.behaviour, r.rule_id, r.at_ms, r.severity, r.source, r.tip, r.snippet, r.evidence
         FROM jsonb_to_recordset($2::jsonb) AS r(id text, call_id text, occurred_at timestamptz, kind text, behaviour text, rule_id text,
                                                 at_ms double precision, severity text, source text, tip text, snippet text, evidence jsonb)
         JOIN calls c ON c.id = r.call_id AND c.agent_id = $1
       ON CONFLICT (id) DO UPDATE
          SET occurred_at = EXCLUDED.occurred_at, kind = EXCLUDED.kind, behaviour = EXCLUDED.behaviour,
              rule_id = EXCLUDED.rule_id, at_ms = EXCLUDED.at_ms, severity = EXCLUDED.severity,
              source = EXCLUDED.source, tip = EXCLUDED.tip, snippet = EXCLUDED.snippet, evidence = EXCLUDED.evidence
        WHERE findings.agent_id = EXCLUDED.agent_id AND findings.call_id = EXCLUDED.call_id
       RETURNING id`,
      [device.agentId, JSON.stringify(findings.map((f) => findingRow(f, policy, nowMs)))],
    );
    for (const r of rows) ok.add(`finding\u0000${r.id}`);
  }
  if (marks.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO marks (id, finding_id, author_kind, verdict, comment, marked_at)
       SELECT r.id, f.id, 'desktop', r.verdict, r.comment, r.marked_at
         FROM jsonb_to_recordset($2::jsonb) AS r(id text, finding_id text, verdict text, comment text, marked_at timestamptz)
         JOIN findings f ON f.id = r.finding_id AND f.agent_id = $1
       ON CONFLICT (id) DO UPDATE
          SET verdict = EXCLUDED.verdict, comment = EXCLUDED.comment, marked_at = EXCLUDED.marked_at
        WHERE marks.author_kind = 'desktop' AND marks.finding_id = EXCLUDED.finding_id
       RETURNING id`,
      [device.agentId, JSON.stringify(marks.map((m) => ({ id: m.id, finding_id: m.findingId, verdict: m.verdict, comment: m.comment ?? null, marked_at: m.markedAt })))],
    );
    for (const r of rows) ok.add(`mark\u0000${r.id}`);
  }
  // Deleting what is already gone is fine: withdrawing twice has the same result as once.
  if (withdrawals.length > 0) await client.query('DELETE FROM findings WHERE agent_id = $1 AND id = ANY($2::text[])', [device.agentId, withdrawals]);

  const results = new Map<string, SyncItemResult>();
  for (const item of items) {
    const key = `${item.type}\u0000${item.id}`;
    if (item.type === 'withdraw' || ok.has(key)) results.set(key, { type: item.type, id: item.id, status: 'stored' });
    else results.set(key, { type: item.type, id: item.id, status: 'rejected', reason: REASONS[item.type] });
  }
  return results;
}

/** The slow, careful path: each item alone in a savepoint, integrity errors become 'rejected'. */
async function storeOneByOne(
  client: pg.PoolClient,
  device: DevicePrincipal,
  policy: SharingPolicy,
  items: readonly SyncItem[],
  nowMs: number,
): Promise<Map<string, SyncItemResult>> {
  const order: Record<SyncItem['type'], number> = { call: 0, finding: 1, mark: 2, withdraw: 3 };
  const results = new Map<string, SyncItemResult>();
  for (const item of [...items].sort((a, b) => order[a.type] - order[b.type])) {
    const key = `${item.type}\u0000${item.id}`;
    await client.query('SAVEPOINT item');
    try {
      const one = await storeSetWise(client, device, policy, [item], nowMs);
      await client.query('RELEASE SAVEPOINT item');
      results.set(key, one.get(key)!);
    } catch (err) {
      if (!isIntegrityError(err)) throw err;
      await client.query('ROLLBACK TO SAVEPOINT item');
      results.set(key, { type: item.type, id: item.id, status: 'rejected', reason: `refused by the database: ${(err as Error).message}` });
    }
  }
  return results;
}
