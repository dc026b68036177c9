// Creating the things an organisation needs: the organisation with its first admin (from the
// command line), teams, staff, agents and enrolment codes (through the admin API). Secrets are
// returned once and only their hash is stored.
import type pg from 'pg';
import type { StaffRole } from './principal.ts';
import { hashSecret, newAgentPseudonym, newEnrolmentCode, newToken, normaliseEnrolmentCode } from './tokens.ts';

export const ENROLMENT_CODE_TTL_HOURS = 72;

export async function createOrganisation(pool: pg.Pool, name: string, adminName = 'admin'): Promise<{ orgId: string; adminId: string; adminToken: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const org = await client.query<{ id: string }>('INSERT INTO organisations (name) VALUES ($1) RETURNING id', [name]);
    const orgId = org.rows[0]!.id;
    const adminToken = newToken('usr');
    const admin = await client.query<{ id: string }>(
      `INSERT INTO staff (org_id, role, name, token_hash) VALUES ($1, 'admin', $2, $3) RETURNING id`,
      [orgId, adminName, hashSecret(adminToken)],
    );
    await client.query('COMMIT');
    return { orgId, adminId: admin.rows[0]!.id, adminToken };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function createTeam(pool: pg.Pool, orgId: string, name: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('INSERT INTO teams (org_id, name) VALUES ($1, $2) RETURNING id', [orgId, name]);
  return rows[0]!.id;
}

export async function createStaff(pool: pg.Pool, orgId: string, role: StaffRole, name: string, teamId: string | null): Promise<{ staffId: string; token: string }> {
  const token = newToken('usr');
  const { rows } = await pool.query<{ id: string }>(
    'INSERT INTO staff (org_id, role, name, team_id, token_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [orgId, role, name, teamId, hashSecret(token)],
  );
  return { staffId: rows[0]!.id, token };
}

export async function createAgent(pool: pg.Pool, orgId: string, teamId: string, displayName: string | null): Promise<string> {
  const id = newAgentPseudonym();
  await pool.query('INSERT INTO agents (id, org_id, team_id, display_name) VALUES ($1, $2, $3, $4)', [id, orgId, teamId, displayName]);
  return id;
}

export async function issueEnrolmentCode(pool: pg.Pool, agentId: string, createdBy: string): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolmentCode();
  const { rows } = await pool.query<{ expires_at: Date }>(
    `INSERT INTO enrolment_codes (code_hash, agent_id, created_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
    [hashSecret(normaliseEnrolmentCode(code)), agentId, createdBy, ENROLMENT_CODE_TTL_HOURS],
  );
  return { code, expiresAt: rows[0]!.expires_at.toISOString() };
}
