// The audit log answers "who looked at which agent's moments, and when" for the agent, the
// works council and the DPO. Reads of agent data write their entry before the data is returned.
import type pg from 'pg';
import type { StaffPrincipal } from './principal.ts';

export type AuditAction =
  | 'view-agents' | 'view-calls' | 'view-call' | 'view-findings' | 'view-findings-anonymised' | 'view-trends'
  | 'mark-finding' | 'create-team' | 'create-staff' | 'create-agent' | 'issue-enrolment-code'
  | 'revoke-device' | 'revoke-staff' | 'change-policy' | 'purge' | 'view-audit';

export async function audit(
  db: pg.Pool | pg.PoolClient,
  who: StaffPrincipal,
  action: AuditAction,
  about: { agentIds?: readonly string[]; callId?: string; detail?: Record<string, unknown> } = {},
): Promise<void> {
  const agents = about.agentIds && about.agentIds.length > 0 ? [...new Set(about.agentIds)] : [null];
  // One row per agent, so "who saw agent X" is a plain indexed lookup.
  await db.query(
    `INSERT INTO audit_log (org_id, staff_id, action, agent_id, call_id, detail)
     SELECT $1, $2, $3, agent, $5, $6 FROM unnest($4::text[]) AS agent`,
    [who.orgId, who.staffId, action, agents, about.callId ?? null, JSON.stringify(about.detail ?? {})],
  );
}
