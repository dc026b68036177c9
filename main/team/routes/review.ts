// The team review API: agents, calls, flagged moments, marks and trends, scoped by role and
// written to the audit log before anything about an agent is returned.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { open, randomKey, seal } from '../../contracts/sealed.ts';
import { agentScope, assertMaySeeAgent, requireRole, requireVisibleAgent } from '../access.ts';
import { audit } from '../audit.ts';
import { HttpError } from '../http/http-error.ts';
import type { Route } from '../http/router.ts';
import type { Principal, StaffPrincipal } from '../principal.ts';
import { FINDING_IN_TIME_SQL } from '../retention.ts';

type StaffRoute = Route<Principal>;

function staff(p: Principal): StaffPrincipal {
  if (p.kind !== 'staff') throw new HttpError(403, 'staff only');
  return p;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const ListQuery = z.object({
  agentId: z.string().max(64).optional(),
  behaviour: z.string().max(64).optional(),
  kind: z.enum(['flag', 'praise']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Cursor from the previous page: "<ISO time>|<finding id>", sealed for trainers. */
  before: z.string().max(400).optional(),
});

function parseQuery<T>(schema: z.ZodType<T>, query: URLSearchParams): T {
  const parsed = schema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw new HttpError(400, `bad query: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

interface FindingRow {
  id: string;
  call_id: string;
  agent_id: string;
  label: string;
  occurred_at: Date;
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

function findingJson(r: FindingRow, anonymised: boolean): Record<string, unknown> {
  const base = { kind: r.kind, behaviour: r.behaviour, ruleId: r.rule_id, atMs: r.at_ms, severity: r.severity, source: r.source, tip: r.tip };
  // A trainer gets no quasi-identifiers: a fresh random id per row (a finding id names its call,
  // and a call id may carry its start time) and the day only, never the moment.
  if (anonymised) return { id: randomUUID(), occurredOn: r.occurred_at.toISOString().slice(0, 10), ...base };
  return {
    id: r.id, occurredAt: r.occurred_at.toISOString(), ...base,
    callId: r.call_id, agentId: r.agent_id, agentLabel: r.label, snippet: r.snippet, evidence: r.evidence,
  };
}

const CURSOR_AAD = 'klachtcoach/team/findings-cursor';

/**
 * Page cursors name the last row's time and id; a trainer's is sealed with a key that lives as
 * long as the server process, so it pages on without showing them either.
 */
class Cursors {
  private readonly key = randomKey();

  make(atIso: string, id: string, sealed: boolean): string {
    const plain = `${atIso}|${id}`;
    return sealed ? seal(this.key, plain, CURSOR_AAD) : plain;
  }

  read(cursor: string, sealed: boolean): { at: string; id: string } {
    const plain = sealed ? open(this.key, cursor, CURSOR_AAD) : cursor;
    const m = plain === null ? null : /^([^|]+)\|([A-Za-z0-9_.-]+)$/.exec(plain);
    if (!m || Number.isNaN(Date.parse(m[1]!))) throw new HttpError(400, 'bad query: before: not a cursor from this server (it may have restarted: start from the first page)');
    return { at: m[1]!, id: m[2]! };
  }
}

// Agents are shown by pseudonym unless the organisation's policy allows names.
const LABEL_SQL = `CASE WHEN o.show_agent_names AND a.display_name IS NOT NULL THEN a.display_name ELSE a.id END`;
const RETENTION_SQL = FINDING_IN_TIME_SQL;

export function reviewRoutes(pool: pg.Pool): StaffRoute[] {
  const cursors = new Cursors();
  return [
    {
      method: 'GET', path: '/api/team/agents', access: 'staff',
      async handler({ principal }) {
        const who = staff(principal);
        requireRole(who, 'admin', 'supervisor');
        const scope = agentScope(who, 1);
        const { rows } = await pool.query<{ id: string; label: string; team_id: string; team: string; findings: string; last: Date | null }>(
          `SELECT a.id, ${LABEL_SQL} AS label, a.team_id, t.name AS team,
                  (SELECT count(*) FROM findings f WHERE f.agent_id = a.id AND ${RETENTION_SQL}) AS findings,
                  (SELECT max(f.occurred_at) FROM findings f WHERE f.agent_id = a.id) AS last
             FROM agents a JOIN organisations o ON o.id = a.org_id JOIN teams t ON t.id = a.team_id
            WHERE ${scope.sql} ORDER BY t.name, label`,
          scope.params,
        );
        await audit(pool, who, 'view-agents', { agentIds: rows.map((r) => r.id) });
        return {
          status: 200,
          body: { agents: rows.map((r) => ({ agentId: r.id, label: r.label, teamId: r.team_id, team: r.team, findingCount: Number(r.findings), lastActivity: iso(r.last) })) },
        };
      },
    },
    {
      method: 'GET', path: '/api/team/agents/:agentId/calls', access: 'staff',
      async handler({ principal, params }) {
        const who = staff(principal);
        const agent = await requireVisibleAgent(pool, who, params.agentId!);
        const { rows } = await pool.query<{ id: string; started_at: Date; ended_at: Date | null; summary: unknown }>(
          `SELECT c.id, c.started_at, c.ended_at, c.summary FROM calls c
            WHERE c.agent_id = $1 ORDER BY c.started_at DESC LIMIT 500`,
          [agent.id],
        );
        await audit(pool, who, 'view-calls', { agentIds: [agent.id] });
        return { status: 200, body: { calls: rows.map((r) => ({ id: r.id, startedAt: iso(r.started_at), endedAt: iso(r.ended_at), summary: r.summary })) } };
      },
    },
    {
      method: 'GET', path: '/api/team/calls/:callId', access: 'staff',
      async handler({ principal, params }) {
        const who = staff(principal);
        const { rows: calls } = await pool.query<{ id: string; agent_id: string; org_id: string; team_id: string; started_at: Date; ended_at: Date | null; summary: unknown }>(
          `SELECT c.id, c.agent_id, a.org_id, a.team_id, c.started_at, c.ended_at, c.summary
             FROM calls c JOIN agents a ON a.id = c.agent_id WHERE c.id = $1`,
          [params.callId],
        );
        const call = calls[0];
        if (!call || call.org_id !== who.orgId) throw new HttpError(404, `no call ${params.callId}`);
        assertMaySeeAgent(who, { id: call.agent_id, org_id: call.org_id, team_id: call.team_id });
        const { rows } = await pool.query<FindingRow>(
          `SELECT f.*, ${LABEL_SQL} AS label FROM findings f JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
            WHERE f.call_id = $1 AND ${RETENTION_SQL} ORDER BY f.at_ms`,
          [call.id],
        );
        const { rows: marks } = await pool.query<{ id: string; finding_id: string; author_kind: string; verdict: string; comment: string | null; marked_at: Date }>(
          `SELECT m.id, m.finding_id, m.author_kind, m.verdict, m.comment, m.marked_at FROM marks m
             JOIN findings f ON f.id = m.finding_id WHERE f.call_id = $1 ORDER BY m.marked_at`,
          [call.id],
        );
        await audit(pool, who, 'view-call', { agentIds: [call.agent_id], callId: call.id });
        return {
          status: 200,
          body: {
            call: { id: call.id, agentId: call.agent_id, startedAt: iso(call.started_at), endedAt: iso(call.ended_at), summary: call.summary },
            findings: rows.map((r) => findingJson(r, false)),
            marks: marks.map((m) => ({ id: m.id, findingId: m.finding_id, author: m.author_kind, verdict: m.verdict, comment: m.comment, markedAt: iso(m.marked_at) })),
          },
        };
      },
    },
    {
      method: 'GET', path: '/api/team/findings', access: 'staff',
      async handler({ principal, query }) {
        const who = staff(principal);
        const q = parseQuery(ListQuery, query);
        const anonymised = who.role === 'trainer';
        if (q.agentId) {
          if (anonymised) throw new HttpError(403, 'trainers see anonymised findings and trends, not individual agents');
          await requireVisibleAgent(pool, who, q.agentId);
        }
        const scope = agentScope(who, 1);
        const where = [scope.sql, RETENTION_SQL];
        const params = [...scope.params];
        const add = (sql: (n: number) => string, ...values: unknown[]): void => {
          where.push(sql(params.length + 1));
          params.push(...values);
        };
        if (q.agentId) add((n) => `f.agent_id = $${n}`, q.agentId);
        if (q.behaviour) add((n) => `f.behaviour = $${n}`, q.behaviour);
        if (q.kind) add((n) => `f.kind = $${n}`, q.kind);
        if (q.before) {
          const { at, id } = cursors.read(q.before, anonymised);
          add((n) => `(f.occurred_at, f.id) < ($${n}::timestamptz, $${n + 1})`, at, id);
        }
        params.push(q.limit);
        const { rows } = await pool.query<FindingRow>(
          `SELECT f.id, f.call_id, f.agent_id, ${LABEL_SQL} AS label, f.occurred_at, f.kind, f.behaviour, f.rule_id, f.at_ms,
                  f.severity, f.source, f.tip, f.snippet, f.evidence
             FROM findings f JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
            WHERE ${where.join(' AND ')}
            ORDER BY f.occurred_at DESC, f.id DESC LIMIT $${params.length}`,
          params,
        );
        await audit(pool, who, anonymised ? 'view-findings-anonymised' : 'view-findings', {
          agentIds: anonymised ? [] : rows.map((r) => r.agent_id),
          detail: { count: rows.length },
        });
        const last = rows.at(-1);
        return {
          status: 200,
          body: {
            findings: rows.map((r) => findingJson(r, anonymised)),
            next: rows.length === q.limit && last ? cursors.make(last.occurred_at.toISOString(), last.id, anonymised) : null,
          },
        };
      },
    },
    {
      method: 'POST', path: '/api/team/findings/:findingId/marks', access: 'staff',
      async handler({ principal, params, body }) {
        const who = staff(principal);
        requireRole(who, 'admin', 'supervisor');
        const input = await body(z.object({ verdict: z.enum(['right', 'wrong']), comment: z.string().max(2000).optional() }));
        const { rows } = await pool.query<{ agent_id: string; org_id: string; team_id: string }>(
          'SELECT f.agent_id, a.org_id, a.team_id FROM findings f JOIN agents a ON a.id = f.agent_id WHERE f.id = $1',
          [params.findingId],
        );
        const row = rows[0];
        if (!row || row.org_id !== who.orgId) throw new HttpError(404, `no finding ${params.findingId}`);
        assertMaySeeAgent(who, { id: row.agent_id, org_id: row.org_id, team_id: row.team_id });
        const id = `srv-${randomUUID()}`;
        await pool.query(
          `INSERT INTO marks (id, finding_id, author_kind, staff_id, verdict, comment, marked_at) VALUES ($1, $2, 'staff', $3, $4, $5, now())`,
          [id, params.findingId, who.staffId, input.verdict, input.comment ?? null],
        );
        await audit(pool, who, 'mark-finding', { agentIds: [row.agent_id], detail: { findingId: params.findingId, verdict: input.verdict } });
        return { status: 201, body: { id } };
      },
    },
    {
      method: 'GET', path: '/api/team/trends', access: 'staff',
      async handler({ principal, query }) {
        const who = staff(principal);
        const { days } = parseQuery(z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) }), query);
        const scope = agentScope(who, 2);
        const { rows } = await pool.query<{ day: string; behaviour: string; kind: string; n: string }>(
          `SELECT to_char(date_trunc('day', f.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, f.behaviour, f.kind, count(*) AS n
             FROM findings f JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
            WHERE ${scope.sql} AND ${RETENTION_SQL} AND f.occurred_at >= now() - make_interval(days => $1)
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
          [days, ...scope.params],
        );
        await audit(pool, who, 'view-trends', { detail: { days } });
        return { status: 200, body: { trends: rows.map((r) => ({ day: r.day, behaviour: r.behaviour, kind: r.kind, count: Number(r.n) })) } };
      },
    },
  ];
}
