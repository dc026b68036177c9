// The audit log answers "who looked at which agent's moments, and when" for the agent, the
// works council and the DPO. Reads of agent data write their entry before the data is returned.
import type pg from 'pg';
import type { StaffPrincipal } from './principal.ts';

export type AuditAction =
  | 'view-agents' | 'view-calls' | 'view-call' | 'view-findings' | 'view-findings-anonymised' | 'view-trends'
  | 'mark-finding' | 'create-team' | 'create-staff' | 'create-agent' | 'issue-enrolment-code'
  | 'revoke-device' | 'revoke-staff' | 'change-policy' | 'purge' | 'view-audit' | 'sign-in-failed'
  | 'export-marks';

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

/**
 * A failed sign-in on the review screens, filed under every organisation that has a staff member
 * of that name (the account someone tried), or under no organisation when nobody has it.
 */
export async function auditFailedSignIn(db: pg.Pool | pg.PoolClient, username: string, address: string): Promise<void> {
  const detail = JSON.stringify({ username: username.slice(0, 120), address, screen: 'review' });
  const { rowCount } = await db.query(
    `INSERT INTO audit_log (org_id, staff_id, action, detail)
     SELECT s.org_id, s.id, 'sign-in-failed', $2 FROM staff s WHERE lower(trim(s.name)) = lower(trim($1))`,
    [username, detail],
  );
  if (!rowCount) await db.query(`INSERT INTO audit_log (org_id, staff_id, action, detail) VALUES (NULL, NULL, 'sign-in-failed', $1)`, [detail]);
}
