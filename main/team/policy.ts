// The organisation's sharing and retention policy, read from its row.
import type pg from 'pg';
import type { SharingPolicy } from './sync-contract.ts';

interface PolicyRow {
  sharing: SharingPolicy['sharing'];
  share_snippets: boolean;
  show_agent_names: boolean;
  snippet_retention_days: number;
  finding_retention_days: number;
}

export async function loadPolicy(db: pg.Pool | pg.PoolClient, orgId: string): Promise<SharingPolicy> {
  const { rows } = await db.query<PolicyRow>(
    `SELECT sharing, share_snippets, show_agent_names, snippet_retention_days, finding_retention_days
       FROM organisations WHERE id = $1`,
    [orgId],
  );
  const row = rows[0];
  if (!row) throw new Error(`organisation ${orgId} not found`);
  return {
    sharing: row.sharing,
    shareSnippets: row.share_snippets,
    showAgentNames: row.show_agent_names,
    snippetRetentionDays: row.snippet_retention_days,
    findingRetentionDays: row.finding_retention_days,
  };
}
