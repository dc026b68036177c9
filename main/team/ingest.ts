// Stores one sync batch from a desktop. Every item is an upsert keyed by the desktop's id, so a
// batch that is sent again (the reply was lost when the network dropped) changes nothing. Each
// item runs in its own savepoint: an item the server will never accept (unknown call, id owned by
// another agent, not shared under 'agent-chooses') is answered 'rejected' without spoiling the
// others; any other database error fails the whole batch so the desktop retries it.
import type pg from 'pg';
import type { DevicePrincipal } from './principal.ts';
import type { SharingPolicy, SyncItem, SyncItemResult } from './sync-contract.ts';

const DAY_MS = 86_400_000;

// Calls before findings before marks, so the rows an item refers to exist when it arrives.
const ORDER: Record<SyncItem['type'], number> = { call: 0, finding: 1, mark: 2, withdraw: 3 };

class Rejected extends Error {}

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
  const ordered = items.map((item, index) => ({ item, index })).sort((a, b) => ORDER[a.item.type] - ORDER[b.item.type] || a.index - b.index);
  const results: SyncItemResult[] = new Array(items.length);
  for (const { item, index } of ordered) {
    await client.query('SAVEPOINT item');
    try {
      const status = await ingestItem(client, device, policy, item, nowMs);
      await client.query('RELEASE SAVEPOINT item');
      results[index] = { type: item.type, id: item.id, status };
    } catch (err) {
      if (!(err instanceof Rejected) && !isIntegrityError(err)) throw err;
      await client.query('ROLLBACK TO SAVEPOINT item');
      results[index] = { type: item.type, id: item.id, status: 'rejected', reason: (err as Error).message };
    }
  }
  return results;
}

async function ingestItem(
  client: pg.PoolClient,
  device: DevicePrincipal,
  policy: SharingPolicy,
  item: SyncItem,
  nowMs: number,
): Promise<'stored' | 'expired'> {
  const findingCutoffMs = nowMs - policy.findingRetentionDays * DAY_MS;
  switch (item.type) {
    case 'call': {
      if (Date.parse(item.startedAt) < findingCutoffMs) return 'expired';
      const { rowCount } = await client.query(
        `INSERT INTO calls (id, agent_id, device_id, started_at, ended_at, summary)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE
            SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at, summary = EXCLUDED.summary
          WHERE calls.agent_id = EXCLUDED.agent_id`,
        [item.id, device.agentId, device.deviceId, item.startedAt, item.endedAt, JSON.stringify(item.summary)],
      );
      if (rowCount === 0) throw new Rejected('call id already used by another agent');
      return 'stored';
    }
    case 'finding': {
      const occurredMs = Date.parse(item.occurredAt);
      if (occurredMs < findingCutoffMs) return 'expired';
      if (policy.sharing === 'agent-chooses' && !item.sharedByAgent) {
        throw new Rejected('the organisation lets agents choose what to share, and this moment was not shared');
      }
      const f = item.finding;
      // The agent's words travel only when the policy shares snippets and they are still within
      // the snippet retention; otherwise only character offsets and times are kept.
      const keepWords = policy.shareSnippets && occurredMs >= nowMs - policy.snippetRetentionDays * DAY_MS;
      const snippet = keepWords ? (f.utterance?.text ?? f.span?.text ?? null) : null;
      const evidence = {
        span: f.span ? { startChar: f.span.startChar, endChar: f.span.endChar, ...(keepWords ? { text: f.span.text } : {}) } : undefined,
        utteranceMs: f.utterance ? { startMs: f.utterance.startMs, endMs: f.utterance.endMs } : undefined,
        rangeMs: f.rangeMs,
      };
      const { rowCount } = await client.query(
        `INSERT INTO findings (id, call_id, agent_id, occurred_at, kind, behaviour, rule_id, at_ms, severity, source, tip, snippet, evidence)
         SELECT $1, c.id, c.agent_id, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
           FROM calls c WHERE c.id = $2 AND c.agent_id = $3
         ON CONFLICT (id) DO UPDATE
            SET occurred_at = EXCLUDED.occurred_at, kind = EXCLUDED.kind, behaviour = EXCLUDED.behaviour,
                rule_id = EXCLUDED.rule_id, at_ms = EXCLUDED.at_ms, severity = EXCLUDED.severity,
                source = EXCLUDED.source, tip = EXCLUDED.tip, snippet = EXCLUDED.snippet, evidence = EXCLUDED.evidence
          WHERE findings.agent_id = EXCLUDED.agent_id AND findings.call_id = EXCLUDED.call_id`,
        [item.id, item.callId, device.agentId, item.occurredAt, f.kind, f.behaviour, f.ruleId, f.atMs, f.severity, f.source, f.tip, snippet, JSON.stringify(evidence)],
      );
      if (rowCount === 0) throw new Rejected('unknown call for this agent, or finding id already used elsewhere');
      return 'stored';
    }
    case 'mark': {
      const { rowCount } = await client.query(
        `INSERT INTO marks (id, finding_id, author_kind, verdict, comment, marked_at)
         SELECT $1, f.id, 'desktop', $4, $5, $6 FROM findings f WHERE f.id = $2 AND f.agent_id = $3
         ON CONFLICT (id) DO UPDATE
            SET verdict = EXCLUDED.verdict, comment = EXCLUDED.comment, marked_at = EXCLUDED.marked_at
          WHERE marks.author_kind = 'desktop' AND marks.finding_id = EXCLUDED.finding_id`,
        [item.id, item.findingId, device.agentId, item.verdict, item.comment ?? null, item.markedAt],
      );
      if (rowCount === 0) throw new Rejected('the marked finding is not on the server (withdrawn, expired or never shared)');
      return 'stored';
    }
    case 'withdraw': {
      // Deleting what is already gone is fine: withdrawing twice has the same result as once.
      await client.query('DELETE FROM findings WHERE id = $1 AND agent_id = $2', [item.id, device.agentId]);
      return 'stored';
    }
  }
}
