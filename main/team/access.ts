// Who may see which agent. Supervisors see the agents of their own team; admins see every agent
// of their organisation; trainers see no individual agent (only anonymised findings and trends).
// An agent of another organisation does not exist as far as the caller can tell (404); an agent
// of another team in the same organisation is refused outright (403).
import type pg from 'pg';
import { HttpError } from './http/http-error.ts';
import type { StaffPrincipal } from './principal.ts';

export interface AgentRow {
  id: string;
  org_id: string;
  team_id: string;
}

export async function requireVisibleAgent(db: pg.Pool, who: StaffPrincipal, agentId: string): Promise<AgentRow> {
  const { rows } = await db.query<AgentRow>('SELECT id, org_id, team_id FROM agents WHERE id = $1', [agentId]);
  const agent = rows[0];
  if (!agent || agent.org_id !== who.orgId) throw new HttpError(404, `no agent ${agentId}`);
  assertMaySeeAgent(who, agent);
  return agent;
}

export function assertMaySeeAgent(who: StaffPrincipal, agent: AgentRow): void {
  if (who.role === 'admin') return;
  if (who.role === 'trainer') throw new HttpError(403, 'trainers see anonymised findings and trends, not individual agents');
  if (agent.team_id !== who.teamId) throw new HttpError(403, `agent ${agent.id} is not in your team`);
}

export function requireRole(who: StaffPrincipal, ...roles: StaffPrincipal['role'][]): void {
  if (!roles.includes(who.role)) throw new HttpError(403, `needs role ${roles.join(' or ')}; you are ${who.role}`);
}

/** SQL condition restricting agents (alias a) to those the caller may list. */
export function agentScope(who: StaffPrincipal, firstParam: number): { sql: string; params: unknown[] } {
  if (who.role === 'supervisor') return { sql: `a.org_id = $${firstParam} AND a.team_id = $${firstParam + 1}`, params: [who.orgId, who.teamId] };
  return { sql: `a.org_id = $${firstParam}`, params: [who.orgId] };
}
