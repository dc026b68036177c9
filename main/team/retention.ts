// Retention on the server: whatever a desktop does, findings older than the organisation's
// finding retention are deleted, and the agent's words are dropped from findings older than the
// snippet retention. Reads also filter by the same cut-off (see review-queries.ts), so an
// expired moment is never shown even between purge runs.
import type pg from 'pg';

export interface PurgeCounts {
  findingsDeleted: number;
  snippetsCleared: number;
  callsDeleted: number;
  auditDeleted: number;
}

/** SQL: finding f (of organisation o) is still within the finding retention; reads filter by it. */
export const FINDING_IN_TIME_SQL = `f.occurred_at >= now() - make_interval(days => o.finding_retention_days)`;
/** SQL: finding f's words are still within the snippet retention. */
export const SNIPPET_IN_TIME_SQL = `f.occurred_at >= now() - make_interval(days => o.snippet_retention_days)`;

/** How long the audit log is kept: long enough for a works council or DPO to check access. */
export const AUDIT_RETENTION_DAYS = 730;

export async function purgeExpired(pool: pg.Pool, now: Date = new Date()): Promise<PurgeCounts> {
  const at = now.toISOString();
  const findings = await pool.query(
    `DELETE FROM findings f USING agents a, organisations o
      WHERE f.agent_id = a.id AND a.org_id = o.id
        AND f.occurred_at < $1::timestamptz - make_interval(days => o.finding_retention_days)`,
    [at],
  );
  const snippets = await pool.query(
    `UPDATE findings f SET snippet = NULL, evidence = f.evidence #- '{span,text}'
       FROM agents a, organisations o
      WHERE f.agent_id = a.id AND a.org_id = o.id
        AND (f.snippet IS NOT NULL OR f.evidence #> '{span,text}' IS NOT NULL)
        AND f.occurred_at < $1::timestamptz - make_interval(days => o.snippet_retention_days)`,
    [at],
  );
  // A call summary outlives its findings only as long as a finding would have.
  const calls = await pool.query(
    `DELETE FROM calls c USING agents a, organisations o
      WHERE c.agent_id = a.id AND a.org_id = o.id
        AND c.started_at < $1::timestamptz - make_interval(days => o.finding_retention_days)`,
    [at],
  );
  const audit = await pool.query(`DELETE FROM audit_log WHERE at < $1::timestamptz - make_interval(days => $2)`, [at, AUDIT_RETENTION_DAYS]);
  return {
    findingsDeleted: findings.rowCount ?? 0,
    snippetsCleared: snippets.rowCount ?? 0,
    callsDeleted: calls.rowCount ?? 0,
    auditDeleted: audit.rowCount ?? 0,
  };
}
