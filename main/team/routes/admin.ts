// Administration of one organisation: teams, staff, agents with enrolment codes, device
// revocation, the sharing/retention policy, an immediate purge, the supervisors' marks as
// training lines and the audit log. Admins only;
// every change is audited.
import type pg from 'pg';
import { z } from 'zod';
import { requireRole } from '../access.ts';
import { audit } from '../audit.ts';
import { HttpError } from '../http/http-error.ts';
import type { Route } from '../http/router.ts';
import { exportMarks } from '../marks-export.ts';
import { loadPolicy } from '../policy.ts';
import type { Principal, StaffPrincipal } from '../principal.ts';
import { createAgent, createStaff, createTeam, issueEnrolmentCode } from '../provisioning.ts';
import { purgeExpired } from '../retention.ts';
import { SharingPolicy } from '../sync-contract.ts';

function admin(p: Principal): StaffPrincipal {
  if (p.kind !== 'staff') throw new HttpError(403, 'staff only');
  requireRole(p, 'admin');
  return p;
}

async function requireTeamInOrg(pool: pg.Pool, orgId: string, teamId: string): Promise<void> {
  const { rowCount } = await pool.query('SELECT 1 FROM teams WHERE id = $1 AND org_id = $2', [teamId, orgId]);
  if (!rowCount) throw new HttpError(404, `no team ${teamId}`);
}

const Uuid = z.uuid();

export function adminRoutes(pool: pg.Pool): Route<Principal>[] {
  return [
    {
      method: 'POST', path: '/api/admin/teams', access: 'staff',
      async handler({ principal, body }) {
        const who = admin(principal);
        const { name } = await body(z.object({ name: z.string().min(1).max(120) }));
        const teamId = await createTeam(pool, who.orgId, name);
        await audit(pool, who, 'create-team', { detail: { teamId, name } });
        return { status: 201, body: { teamId } };
      },
    },
    {
      method: 'POST', path: '/api/admin/staff', access: 'staff',
      async handler({ principal, body }) {
        const who = admin(principal);
        const input = await body(z.object({
          name: z.string().min(1).max(120),
          role: z.enum(['admin', 'supervisor', 'trainer']),
          teamId: Uuid.optional(),
        }).refine((s) => s.role !== 'supervisor' || s.teamId, { message: 'a supervisor needs a teamId', path: ['teamId'] }));
        if (input.teamId) await requireTeamInOrg(pool, who.orgId, input.teamId);
        const created = await createStaff(pool, who.orgId, input.role, input.name, input.role === 'supervisor' ? input.teamId! : null);
        await audit(pool, who, 'create-staff', { detail: { staffId: created.staffId, role: input.role } });
        return { status: 201, body: created };
      },
    },
    {
      method: 'POST', path: '/api/admin/agents', access: 'staff',
      async handler({ principal, body }) {
        const who = admin(principal);
        const input = await body(z.object({ teamId: Uuid, displayName: z.string().min(1).max(120).optional() }));
        await requireTeamInOrg(pool, who.orgId, input.teamId);
        const agentId = await createAgent(pool, who.orgId, input.teamId, input.displayName ?? null);
        const code = await issueEnrolmentCode(pool, agentId, who.staffId);
        await audit(pool, who, 'create-agent', { agentIds: [agentId] });
        return { status: 201, body: { agentId, enrolmentCode: code.code, expiresAt: code.expiresAt } };
      },
    },
    {
      method: 'POST', path: '/api/admin/agents/:agentId/enrolment-codes', access: 'staff',
      async handler({ principal, params }) {
        const who = admin(principal);
        const { rowCount } = await pool.query('SELECT 1 FROM agents WHERE id = $1 AND org_id = $2', [params.agentId, who.orgId]);
        if (!rowCount) throw new HttpError(404, `no agent ${params.agentId}`);
        const code = await issueEnrolmentCode(pool, params.agentId!, who.staffId);
        await audit(pool, who, 'issue-enrolment-code', { agentIds: [params.agentId!] });
        return { status: 201, body: { enrolmentCode: code.code, expiresAt: code.expiresAt } };
      },
    },
    {
      method: 'DELETE', path: '/api/admin/devices/:deviceId', access: 'staff',
      async handler({ principal, params }) {
        const who = admin(principal);
        if (!Uuid.safeParse(params.deviceId).success) throw new HttpError(400, 'deviceId: not a UUID');
        const { rows } = await pool.query<{ agent_id: string }>(
          `UPDATE devices d SET revoked_at = coalesce(d.revoked_at, now()) FROM agents a
            WHERE d.id = $1 AND a.id = d.agent_id AND a.org_id = $2 RETURNING d.agent_id`,
          [params.deviceId, who.orgId],
        );
        if (!rows[0]) throw new HttpError(404, `no device ${params.deviceId}`);
        await audit(pool, who, 'revoke-device', { agentIds: [rows[0].agent_id], detail: { deviceId: params.deviceId } });
        return { status: 200, body: { revoked: params.deviceId } };
      },
    },
    {
      method: 'DELETE', path: '/api/admin/staff/:staffId', access: 'staff',
      async handler({ principal, params }) {
        const who = admin(principal);
        if (!Uuid.safeParse(params.staffId).success) throw new HttpError(400, 'staffId: not a UUID');
        if (params.staffId === who.staffId) throw new HttpError(400, 'you cannot revoke your own token; ask another admin');
        const { rowCount } = await pool.query(
          'UPDATE staff SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND org_id = $2', [params.staffId, who.orgId]);
        if (!rowCount) throw new HttpError(404, `no staff member ${params.staffId}`);
        await audit(pool, who, 'revoke-staff', { detail: { staffId: params.staffId } });
        return { status: 200, body: { revoked: params.staffId } };
      },
    },
    {
      method: 'GET', path: '/api/admin/policy', access: 'staff',
      async handler({ principal }) {
        return { status: 200, body: { policy: await loadPolicy(pool, admin(principal).orgId) } };
      },
    },
    {
      method: 'PUT', path: '/api/admin/policy', access: 'staff',
      async handler({ principal, body }) {
        const who = admin(principal);
        const p = await body(SharingPolicy);
        if (p.snippetRetentionDays > p.findingRetentionDays) throw new HttpError(400, 'snippetRetentionDays: cannot exceed findingRetentionDays');
        await pool.query(
          `UPDATE organisations SET sharing = $2, share_snippets = $3, show_agent_names = $4,
                  snippet_retention_days = $5, finding_retention_days = $6 WHERE id = $1`,
          [who.orgId, p.sharing, p.shareSnippets, p.showAgentNames, p.snippetRetentionDays, p.findingRetentionDays],
        );
        await audit(pool, who, 'change-policy', { detail: p });
        return { status: 200, body: { policy: p } };
      },
    },
    {
      method: 'POST', path: '/api/admin/purge', access: 'staff',
      async handler({ principal }) {
        const who = admin(principal);
        const counts = await purgeExpired(pool);
        await audit(pool, who, 'purge', { detail: { ...counts } });
        return { status: 200, body: counts };
      },
    },
    {
      // Supervisors' verdicts as labelled lines for `npm run train -- --extra` (main/team/marks-export.ts).
      method: 'GET', path: '/api/admin/marks/export', access: 'staff',
      async handler({ principal }) {
        const who = admin(principal);
        const { lines, withoutWords, marks, agentIds } = await exportMarks(pool, who.orgId);
        await audit(pool, who, 'export-marks', { agentIds, detail: { lines: lines.length, marks, withoutWords } });
        return { status: 200, body: { lines, withoutWords } };
      },
    },
    {
      method: 'GET', path: '/api/admin/audit', access: 'staff',
      async handler({ principal, query }) {
        const who = admin(principal);
        const agentId = query.get('agentId');
        const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 200) || 200));
        const { rows } = await pool.query<{ at: Date; staff_id: string | null; staff: string | null; role: string | null; action: string; agent_id: string | null; call_id: string | null; detail: unknown }>(
          `SELECT l.at, l.staff_id, s.name AS staff, s.role, l.action, l.agent_id, l.call_id, l.detail
             FROM audit_log l LEFT JOIN staff s ON s.id = l.staff_id
            WHERE l.org_id = $1 AND ($2::text IS NULL OR l.agent_id = $2)
            ORDER BY l.at DESC, l.id DESC LIMIT $3`,
          [who.orgId, agentId, limit],
        );
        await audit(pool, who, 'view-audit', { detail: { agentId } });
        return {
          status: 200,
          body: { entries: rows.map((r) => ({ at: r.at.toISOString(), staffId: r.staff_id, staff: r.staff, role: r.role, action: r.action, agentId: r.agent_id, callId: r.call_id, detail: r.detail })) },
        };
      },
    },
  ];
}
