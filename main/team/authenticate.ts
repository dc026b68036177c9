// Resolves "Authorization: Bearer <token>" to a principal. Tokens are looked up by their
// SHA-256; revoked devices and staff are refused. The prefix (dev_/usr_) only picks the table;
// it grants nothing by itself.
import type pg from 'pg';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http/http-error.ts';
import type { Access } from './http/router.ts';
import type { Principal, StaffRole } from './principal.ts';
import { hashSecret } from './tokens.ts';

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header.trim());
  return m?.[1];
}

export async function authenticate(pool: pg.Pool, req: IncomingMessage, access: Access): Promise<Principal> {
  if (access === 'enrolment-code') return { kind: 'enrolling' };
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'missing or malformed Authorization: Bearer token');
  const hash = hashSecret(token);
  if (access === 'device') {
    if (!token.startsWith('dev_')) throw new HttpError(403, 'this endpoint is for enrolled desktops');
    const { rows } = await pool.query<{ id: string; agent_id: string; org_id: string; stale: boolean }>(
      `SELECT d.id, d.agent_id, a.org_id,
              (d.last_seen_at IS NULL OR d.last_seen_at < now() - interval '1 minute') AS stale
         FROM devices d JOIN agents a ON a.id = d.agent_id
        WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    if (!row) throw new HttpError(401, 'device token unknown or revoked; enrol this desktop again');
    // Last-seen is for the admin's device list; writing it at most once a minute keeps sync cheap.
    if (row.stale) await pool.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [row.id]);
    return { kind: 'device', deviceId: row.id, agentId: row.agent_id, orgId: row.org_id };
  }
  if (!token.startsWith('usr_')) throw new HttpError(403, 'this endpoint is for supervisors, trainers and admins');
  const { rows } = await pool.query<{ id: string; org_id: string; role: StaffRole; team_id: string | null }>(
    'SELECT id, org_id, role, team_id FROM staff WHERE token_hash = $1 AND revoked_at IS NULL',
    [hash],
  );
  const row = rows[0];
  if (!row) throw new HttpError(401, 'staff token unknown or revoked');
  return { kind: 'staff', staffId: row.id, orgId: row.org_id, role: row.role, teamId: row.team_id };
}
