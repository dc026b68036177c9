// The desktop's review screens (renderer/review.html), served by the team server under /review/
// with the same JSON API the desktop's review handler speaks (main/review/review-handler.ts),
// answered from PostgreSQL and limited to the agents the signed-in staff member may see.
//
// Sign-in: the page asks for a name and a password. On the team server the "password" is the
// staff member's personal token (usr_…) and the name must be theirs; sessions, the CSRF token,
// the cookie and the sign-in rate limit reuse the desktop's own review modules. Trainers do not
// sign in here: this page shows individual agents, which their role does not allow.
//
// Differences from the desktop: finding ids are the desktops' text ids; the "utterances" of a
// call are the snippets that came with its findings (the team server keeps no transcripts);
// agents are shown by pseudonym unless the organisation's policy allows names.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';
import type { FindingKind, Severity } from '../contracts/finding.ts';
import type { CallDetail, CallPage, TrendSeries, Trends } from '../contracts/review-api.ts';
import type { TurnSegment } from '../contracts/turn-segments.ts';
import { HttpError, checkRequestOrigin, csrfTokenOf, readCookie, readJson, send, sendJson } from '../review/http-helpers.ts';
import { SessionStore } from '../review/sessions.ts';
import { SignInLimiter, beginSignIn } from '../review/sign-in-limiter.ts';
import { serveStatic } from '../review/static-files.ts';
import { csvCell } from '../store/csv-export.ts';
import { assertMaySeeAgent, agentScope } from './access.ts';
import { audit, auditFailedSignIn } from './audit.ts';
import { HttpError as TeamHttpError } from './http/http-error.ts';
import type { StaffPrincipal, StaffRole } from './principal.ts';
import { hashSecret } from './tokens.ts';

export const TEAM_SESSION_COOKIE = 'kc_team_review';
const BASE = '/review';
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const Digits = z.string().regex(/^\d{1,7}$/, 'expected a whole number').transform(Number);
const ListQuery = z.object({
  from: IsoDay.optional(), to: IsoDay.optional(), agent: z.string().min(1).max(200).optional(),
  behaviour: BehaviourId.optional(), offset: Digits.optional(), limit: Digits.optional(),
});
const TrendsQuery = z.object({ weeks: Digits.optional(), agent: z.string().min(1).max(200).optional() });
const SignInBody = z.object({ username: z.string().min(1).max(120), password: z.string().min(1).max(300) });
const MarkBody = z.object({ verdict: z.enum(['right', 'wrong']), comment: z.string().max(2000).default('') });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new HttpError(400, `${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
}

// Agents are shown by pseudonym unless the organisation's policy allows names.
const LABEL = `CASE WHEN o.show_agent_names AND a.display_name IS NOT NULL THEN a.display_name ELSE a.id END`;
const IN_RETENTION = `f.occurred_at >= now() - make_interval(days => o.finding_retention_days)`;

export interface ReviewScreensOptions {
  pool: pg.Pool;
  /** The Vite build holding review.html and assets/ (dist/renderer). */
  staticDir: string;
  secureCookie?: boolean;
  now?: () => number;
}

export type ReviewScreensHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

export function createReviewScreens({ pool, staticDir, secureCookie = false, now = Date.now }: ReviewScreensOptions): ReviewScreensHandler {
  const sessions = new SessionStore({ now });
  const limiter = new SignInLimiter({ now });
  const staffBySession = new Map<string, string>();
  const cookie = (value: string, maxAgeS: number): string =>
    `${TEAM_SESSION_COOKIE}=${value}; Path=${BASE}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secureCookie ? '; Secure' : ''}`;

  const loadStaff = async (staffId: string): Promise<StaffPrincipal | undefined> => {
    const { rows } = await pool.query<{ id: string; org_id: string; role: StaffRole; team_id: string | null }>(
      'SELECT id, org_id, role, team_id FROM staff WHERE id = $1 AND revoked_at IS NULL', [staffId]);
    const r = rows[0];
    return r ? { kind: 'staff', staffId: r.id, orgId: r.org_id, role: r.role, teamId: r.team_id } : undefined;
  };

  const checkOrigin = (req: IncomingMessage): void => checkRequestOrigin(req);

  /** The signed-in staff member, re-read each time so a revoked token ends the session at once. */
  /** `write` (a change, or the export another page could start) needs the CSRF token too. */
  const requireStaff = async (req: IncomingMessage, write: boolean, query = new URLSearchParams()): Promise<{ who: StaffPrincipal; username: string; csrfToken: string; token: string }> => {
    if (write) checkOrigin(req);
    const session = sessions.touch(readCookie(req, TEAM_SESSION_COOKIE));
    const staffId = session && staffBySession.get(session.token);
    const who = staffId ? await loadStaff(staffId) : undefined;
    if (!session || !who) throw new HttpError(401, 'niet ingelogd of sessie verlopen');
    if (write && csrfTokenOf(req, query) !== session.csrfToken) throw new HttpError(403, 'missing or wrong X-CSRF-Token');
    return { who, username: session.username, csrfToken: session.csrfToken, token: session.token };
  };

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkOrigin(req);
    const body = parse(SignInBody, await readJson(req), 'sign-in');
    const address = req.socket.remoteAddress ?? 'unknown';
    // Reserved before the database is asked, so guesses sent in parallel count against each other.
    const attempt = beginSignIn(limiter, body.username, address);
    const { rows } = await pool.query<{ id: string; name: string; role: StaffRole }>(
      'SELECT id, name, role FROM staff WHERE token_hash = $1 AND revoked_at IS NULL', [hashSecret(body.password)]);
    const staff = rows[0];
    if (!staff || staff.name.trim().toLowerCase() !== body.username.trim().toLowerCase()) {
      await auditFailedSignIn(pool, body.username, address);
      throw new HttpError(401, 'onbekende gebruiker of wachtwoord');
    }
    if (staff.role === 'trainer') throw new HttpError(403, 'trainers zien geanonimiseerde trends, niet de gesprekken van medewerkers');
    attempt.succeeded();
    const session = sessions.create(staff.name);
    staffBySession.set(session.token, staff.id);
    sendJson(res, 200, { username: session.username, csrfToken: session.csrfToken }, { 'Set-Cookie': cookie(session.token, Math.floor(sessions.maxAgeMs / 1000)) });
  }

  /** The agent filter matches a pseudonym, or a name where the policy shows names. */
  const agentFilter = (n: number): string => `(a.id = $${n} OR (o.show_agent_names AND a.display_name = $${n}))`;

  async function listCalls(who: StaffPrincipal, q: z.infer<typeof ListQuery>): Promise<CallPage> {
    const scope = agentScope(who, 1);
    const where = [scope.sql, 'c.started_at >= now() - make_interval(days => o.finding_retention_days)'];
    const params: unknown[] = [...scope.params];
    const add = (sql: (n: number) => string, v: unknown): void => { params.push(v); where.push(sql(params.length)); };
    if (q.from) add((n) => `c.started_at >= $${n}::date`, q.from);
    if (q.to) add((n) => `c.started_at < $${n}::date + 1`, q.to);
    if (q.agent) add(agentFilter, q.agent);
    if (q.behaviour) add((n) => `EXISTS (SELECT 1 FROM findings f WHERE f.call_id = c.id AND f.behaviour = $${n})`, q.behaviour);
    const from = `FROM calls c JOIN agents a ON a.id = c.agent_id JOIN organisations o ON o.id = a.org_id WHERE ${where.join(' AND ')}`;
    const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n ${from}`, params)).rows[0]!.n);
    const limit = Math.min(Math.max(1, q.limit ?? 50), 200);
    const offset = q.offset ?? 0;
    const { rows } = await pool.query<{ id: string; agent_id: string; label: string; started_at: Date; ended_at: Date | null; share: number | null; flags: string; praise: string; marked: string }>(
      `SELECT c.id, a.id AS agent_id, ${LABEL} AS label, c.started_at, c.ended_at, (c.summary->>'agentTalkShare')::float8 AS share,
              (SELECT count(*) FROM findings f WHERE f.call_id = c.id AND f.kind = 'flag' AND ${IN_RETENTION}) AS flags,
              (SELECT count(*) FROM findings f WHERE f.call_id = c.id AND f.kind = 'praise' AND ${IN_RETENTION}) AS praise,
              (SELECT count(DISTINCT m.finding_id) FROM findings f JOIN marks m ON m.finding_id = f.id WHERE f.call_id = c.id) AS marked
         ${from} ORDER BY c.started_at DESC, c.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    await audit(pool, who, 'view-calls', { agentIds: rows.map((r) => r.agent_id), detail: { screen: 'review-list' } });
    return {
      total, offset,
      calls: rows.map((r) => ({
        id: r.id, agentId: r.label, startedAtMs: r.started_at.getTime(), endedAtMs: r.ended_at?.getTime() ?? null,
        agentTalkShare: r.share, flags: Number(r.flags), praise: Number(r.praise), marked: Number(r.marked),
      })),
    };
  }

  async function callDetail(who: StaffPrincipal, callId: string): Promise<CallDetail<string>> {
    const { rows: calls } = await pool.query<{ id: string; agent_id: string; org_id: string; team_id: string; label: string; started_at: Date; ended_at: Date | null; share: number | null; turns: TurnSegment[] | null }>(
      `SELECT c.id, a.id AS agent_id, a.org_id, a.team_id, ${LABEL} AS label, c.started_at, c.ended_at, (c.summary->>'agentTalkShare')::float8 AS share,
              CASE WHEN c.started_at >= now() - make_interval(days => o.finding_retention_days) THEN c.turns END AS turns
         FROM calls c JOIN agents a ON a.id = c.agent_id JOIN organisations o ON o.id = a.org_id WHERE c.id = $1`, [callId]);
    const call = calls[0];
    if (!call || call.org_id !== who.orgId) throw new HttpError(404, `gesprek ${callId} bestaat niet (meer)`);
    assertMaySeeAgent(who, { id: call.agent_id, org_id: call.org_id, team_id: call.team_id });
    // kind, behaviour, severity and source were checked against the contracts when the desktop synced them.
    const { rows } = await pool.query<{
      id: string; kind: FindingKind; behaviour: BehaviourId; rule_id: string; at_ms: number; tip: string; severity: Severity; source: 'text' | 'timing'; snippet: string | null;
      evidence: { span?: { startChar: number; endChar: number; text?: string }; utteranceMs?: { startMs: number; endMs: number }; rangeMs?: { startMs: number; endMs: number } };
      verdict: 'right' | 'wrong' | null; comment: string | null; marker: string | null; marked_at: Date | null;
    }>(
      `SELECT f.id, f.kind, f.behaviour, f.rule_id, f.at_ms, f.tip, f.severity, f.source, f.snippet, f.evidence,
              m.verdict, m.comment, coalesce(s.name, CASE WHEN m.author_kind = 'desktop' THEN 'bureaublad' END) AS marker, m.marked_at
         FROM findings f JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
         LEFT JOIN LATERAL (SELECT * FROM marks m WHERE m.finding_id = f.id ORDER BY m.marked_at DESC, m.id DESC LIMIT 1) m ON true
         LEFT JOIN staff s ON s.id = m.staff_id
        WHERE f.call_id = $1 AND ${IN_RETENTION} ORDER BY f.at_ms, f.id`, [callId]);
    // The words around each finding are the snippet that came with it, if the policy shared it.
    const utterances: { id: number; startMs: number; endMs: number; text: string | null }[] = [];
    const utteranceId = new Map<string, number>();
    const findings = rows.map((r) => {
      const ids: number[] = [];
      if (r.snippet !== null) {
        const range = r.evidence.utteranceMs ?? { startMs: r.at_ms, endMs: r.at_ms };
        const key = `${range.startMs}-${range.endMs}`;
        let id = utteranceId.get(key);
        if (id === undefined) {
          id = utterances.length + 1;
          utteranceId.set(key, id);
          utterances.push({ id, startMs: range.startMs, endMs: range.endMs, text: r.snippet });
        }
        ids.push(id);
      }
      const span = r.evidence.span;
      return {
        id: r.id, kind: r.kind, behaviour: r.behaviour, ruleId: r.rule_id, atMs: r.at_ms, tip: r.tip, severity: r.severity, source: r.source,
        span: span ? { startChar: span.startChar, endChar: span.endChar, text: span.text ?? null } : null,
        rangeMs: r.evidence.rangeMs ?? null, shown: true, acknowledged: false,
        mark: r.verdict ? { verdict: r.verdict, comment: r.comment ?? '', supervisor: r.marker ?? '', markedAtMs: r.marked_at!.getTime() } : null,
        contextUtteranceIds: ids,
      };
    });
    utterances.sort((x, y) => x.startMs - y.startMs);
    const counts = { flags: findings.filter((f) => f.kind === 'flag').length, praise: findings.filter((f) => f.kind === 'praise').length };
    await audit(pool, who, 'view-call', { agentIds: [call.agent_id], callId: call.id, detail: { screen: 'review-call' } });
    return {
      call: { id: call.id, agentId: call.label, startedAtMs: call.started_at.getTime(), endedAtMs: call.ended_at?.getTime() ?? null, agentTalkShare: call.share, ...counts, marked: findings.filter((f) => f.mark).length },
      // Checked against the contract when the desktop synced them; none once past the retention.
      utterances, findings, turns: call.turns ?? [],
    };
  }

  async function setMark(who: StaffPrincipal, findingId: string, mark: z.infer<typeof MarkBody> | null): Promise<void> {
    if (who.role === 'trainer') throw new HttpError(403, 'trainers cannot mark findings');
    const { rows } = await pool.query<{ agent_id: string; org_id: string; team_id: string }>(
      'SELECT f.agent_id, a.org_id, a.team_id FROM findings f JOIN agents a ON a.id = f.agent_id WHERE f.id = $1', [findingId]);
    const row = rows[0];
    if (!row || row.org_id !== who.orgId) throw new HttpError(404, `bevinding ${findingId} bestaat niet (meer)`);
    assertMaySeeAgent(who, { id: row.agent_id, org_id: row.org_id, team_id: row.team_id });
    // Marking again replaces this staff member's earlier mark, as on the desktop.
    await pool.query(`DELETE FROM marks WHERE finding_id = $1 AND author_kind = 'staff' AND staff_id = $2`, [findingId, who.staffId]);
    if (mark) {
      await pool.query(`INSERT INTO marks (id, finding_id, author_kind, staff_id, verdict, comment, marked_at) VALUES ($1, $2, 'staff', $3, $4, $5, now())`,
        [`srv-${randomUUID()}`, findingId, who.staffId, mark.verdict, mark.comment]);
    }
    await audit(pool, who, 'mark-finding', { agentIds: [row.agent_id], detail: { findingId, verdict: mark?.verdict ?? null } });
  }

  async function trends(who: StaffPrincipal, q: z.infer<typeof TrendsQuery>): Promise<Trends> {
    const weekCount = Math.min(Math.max(1, q.weeks ?? 12), 104);
    const day = Math.floor(now() / DAY_MS);
    const lastWeek = (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS; // Monday 00:00 UTC
    const firstWeek = lastWeek - (weekCount - 1) * WEEK_MS;
    const weeks = Array.from({ length: weekCount }, (_, i) => new Date(firstWeek + i * WEEK_MS).toISOString().slice(0, 10));
    const scope = agentScope(who, 2);
    const params: unknown[] = [new Date(firstWeek).toISOString(), ...scope.params];
    let agentSql = '';
    let agentIds: string[] = [];
    if (q.agent) {
      params.push(q.agent);
      agentSql = ` AND ${agentFilter(params.length)}`;
      // The audit row names the agent(s) the filter matched, not just the text typed.
      const own = agentScope(who, 1);
      const { rows: matched } = await pool.query<{ id: string }>(
        `SELECT a.id FROM agents a JOIN organisations o ON o.id = a.org_id WHERE ${own.sql} AND ${agentFilter(own.params.length + 1)}`, [...own.params, q.agent]);
      agentIds = matched.map((r) => r.id);
    }
    const weekOf = (col: string): string => `to_char(date_trunc('week', ${col} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
    const { rows: callRows } = await pool.query<{ week: string; n: string }>(
      `SELECT ${weekOf('c.started_at')} AS week, count(*) AS n FROM calls c JOIN agents a ON a.id = c.agent_id JOIN organisations o ON o.id = a.org_id
        WHERE c.started_at >= $1 AND ${scope.sql}${agentSql} GROUP BY 1`, params);
    const { rows } = await pool.query<{ week: string; behaviour: BehaviourId; kind: FindingKind; n: string; wrong: string }>(
      `SELECT ${weekOf('f.occurred_at')} AS week, f.behaviour, f.kind, count(*) AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM marks m WHERE m.finding_id = f.id AND m.verdict = 'wrong')) AS wrong
         FROM findings f JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
        WHERE f.occurred_at >= $1 AND ${IN_RETENTION} AND ${scope.sql}${agentSql} GROUP BY 1, 2, 3`, params);
    const index = new Map(weeks.map((w, i) => [w, i]));
    const callsPerWeek = weeks.map(() => 0);
    for (const r of callRows) { const i = index.get(r.week); if (i !== undefined) callsPerWeek[i] = Number(r.n); }
    const series = new Map<string, TrendSeries>();
    for (const r of rows) {
      const i = index.get(r.week);
      if (i === undefined) continue;
      const key = `${r.kind}:${r.behaviour}`;
      let s = series.get(key);
      if (!s) { s = { behaviour: r.behaviour, kind: r.kind, counts: weeks.map(() => 0), markedWrong: weeks.map(() => 0) }; series.set(key, s); }
      s.counts[i] = Number(r.n);
      s.markedWrong[i] = Number(r.wrong);
    }
    await audit(pool, who, 'view-trends', { agentIds, detail: { weeks: weekCount, agent: q.agent ?? null } });
    return { weeks, callsPerWeek, series: [...series.values()].sort((x, y) => x.kind.localeCompare(y.kind) || x.behaviour.localeCompare(y.behaviour)) };
  }

  async function exportCsv(who: StaffPrincipal, q: z.infer<typeof ListQuery>): Promise<string> {
    const scope = agentScope(who, 1);
    const where = [scope.sql, IN_RETENTION];
    const params: unknown[] = [...scope.params];
    const add = (sql: (n: number) => string, v: unknown): void => { params.push(v); where.push(sql(params.length)); };
    if (q.from) add((n) => `f.occurred_at >= $${n}::date`, q.from);
    if (q.to) add((n) => `f.occurred_at < $${n}::date + 1`, q.to);
    if (q.agent) add(agentFilter, q.agent);
    if (q.behaviour) add((n) => `f.behaviour = $${n}`, q.behaviour);
    const { rows } = await pool.query<{ agent_id: string; label: string; call_id: string; occurred_at: Date; kind: string; behaviour: string; rule_id: string; severity: string; tip: string; snippet: string | null }>(
      `SELECT a.id AS agent_id, ${LABEL} AS label, f.call_id, f.occurred_at, f.kind, f.behaviour, f.rule_id, f.severity, f.tip, f.snippet
         FROM findings f JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
        WHERE ${where.join(' AND ')} ORDER BY f.occurred_at DESC, f.id LIMIT 100000`, params);
    await audit(pool, who, 'view-findings', { agentIds: rows.map((r) => r.agent_id), detail: { screen: 'export-csv', rows: rows.length } });
    // csvCell prefixes cells that start with = + - @ so a spreadsheet does not run them as formulas.
    const lines = [['medewerker', 'gesprek', 'tijdstip', 'soort', 'gedrag', 'regel', 'ernst', 'tip', 'woorden'].join(',')];
    for (const r of rows) lines.push([r.label, r.call_id, r.occurred_at.toISOString(), r.kind, r.behaviour, r.rule_id, r.severity, r.tip, r.snippet].map(csvCell).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const q = Object.fromEntries(query);
    if (path === '/api/session') {
      if (method === 'POST') return signIn(req, res);
      if (method === 'GET') {
        const s = await requireStaff(req, false);
        return sendJson(res, 200, { username: s.username, csrfToken: s.csrfToken });
      }
      if (method === 'DELETE') {
        const s = await requireStaff(req, true);
        sessions.end(s.token);
        staffBySession.delete(s.token);
        return sendJson(res, 200, { ok: true }, { 'Set-Cookie': cookie('', 0) });
      }
    }
    if (method === 'GET' && path === '/api/calls') return sendJson(res, 200, await listCalls((await requireStaff(req, false)).who, parse(ListQuery, q, 'query')));
    if (method === 'GET' && path === '/api/agents') {
      const { who } = await requireStaff(req, false);
      const scope = agentScope(who, 1);
      const { rows } = await pool.query<{ id: string; label: string }>(
        `SELECT a.id, ${LABEL} AS label FROM agents a JOIN organisations o ON o.id = a.org_id WHERE ${scope.sql} AND EXISTS (SELECT 1 FROM calls c WHERE c.agent_id = a.id) ORDER BY 2`, scope.params);
      await audit(pool, who, 'view-agents', { agentIds: rows.map((r) => r.id), detail: { screen: 'review-agents' } });
      return sendJson(res, 200, [...new Set(rows.map((r) => r.label))]);
    }
    const callMatch = /^\/api\/calls\/([^/]{1,200})$/.exec(path);
    if (callMatch && method === 'GET') return sendJson(res, 200, await callDetail((await requireStaff(req, false)).who, decodeURIComponent(callMatch[1]!)));
    const markMatch = /^\/api\/findings\/([A-Za-z0-9_.-]{1,160})\/mark$/.exec(path);
    if (markMatch && (method === 'PUT' || method === 'DELETE')) {
      const { who } = await requireStaff(req, true);
      await setMark(who, markMatch[1]!, method === 'PUT' ? parse(MarkBody, await readJson(req), 'mark') : null);
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET' && path === '/api/trends') return sendJson(res, 200, await trends((await requireStaff(req, false)).who, parse(TrendsQuery, q, 'query')));
    if (method === 'GET' && path === '/api/export.csv') {
      const csv = await exportCsv((await requireStaff(req, true, query)).who, parse(ListQuery, q, 'query'));
      const day = new Date(now()).toISOString().slice(0, 10);
      return send(res, 200, `\uFEFF${csv}`, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="klachtcoach-team-bevindingen-${day}.csv"` });
    }
    throw new HttpError(404, `no API route ${method} ${path}`);
  }

  return async (req, res, pathname) => {
    try {
      const path = pathname.slice(BASE.length) || '/';
      if (path.startsWith('/api/')) return await api(req, res, path, new URL(req.url ?? '/', 'http://localhost').searchParams);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
      if (path === '/' && !pathname.endsWith('/')) return send(res, 308, '', { Location: `${BASE}/` });
      const file = path === '/' ? '/review.html' : path;
      if (await serveStatic(res, staticDir, file)) return;
      if (file === '/review.html') throw new HttpError(503, `the review page is not built (no review.html in ${staticDir}); run \`npm run build\``);
      throw new HttpError(404, 'not found');
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message }, err.headers);
      // Role checks shared with the team API throw the team server's own HttpError.
      if (err instanceof TeamHttpError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof z.ZodError) return sendJson(res, 400, { error: err.message });
      sendJson(res, 503, { error: 'de teamserver kan de database nu niet bereiken; probeer het later opnieuw' });
    }
  };
}
