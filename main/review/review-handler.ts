// The review screens and their JSON API as one node:http request handler, so it can run on its
// own (`klachtcoach review`) or be mounted by the session server or the desktop app:
//
//   import { createServer } from 'node:http';
//   const handle = createReviewHandler({ store, staticDir: 'dist/renderer', basePath: '/review' });
//   createServer((req, res) => {
//     if (req.url?.startsWith('/review/') || req.url === '/review') return handle(req, res);
//     ...the session server's own routes...
//   });
//
// API (all JSON, all under basePath):
//   POST   /api/session               {username, password} → {username, csrfToken}; sets the cookie
//   GET    /api/session               → {username, csrfToken} or 401
//   DELETE /api/session               sign out
//   GET    /api/calls?from&to&agent&behaviour&offset&limit   → CallPage
//   GET    /api/agents                → string[]
//   GET    /api/calls/:id             → CallDetail
//   PUT    /api/findings/:id/mark     {verdict: right|wrong, comment} → CallDetail's finding mark
//   DELETE /api/findings/:id/mark
//   GET    /api/trends?weeks&agent    → Trends
//   GET    /api/export.csv?from&to&agent&behaviour&csrf     → text/csv (needs the CSRF token too)
// Security: passwords are scrypt hashes; sign-in attempts are rate-limited per name and address
// and take the same time for unknown names; the session cookie is HttpOnly and SameSite=Strict;
// every request that changes something needs the session's CSRF token in `X-CSRF-Token`, a JSON
// body, and (when the browser sends one) an Origin equal to the server's own. Served on its own
// (`klachtcoach review`), it also refuses any Host it was not configured for (DNS rebinding).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallStore } from '../store/open-store.ts';
import { listAgents, listCalls } from '../store/call-list.ts';
import { getCallDetail } from '../store/call-detail.ts';
import { clearMark, markFinding } from '../store/marks.ts';
import { weeklyTrends } from '../store/trends.ts';
import { exportFindingsCsv } from '../store/csv-export.ts';
import { appendAudit } from '../store/audit-log.ts';
import { supervisorPasswordHash } from '../store/supervisors.ts';
import { StoreError } from '../store/store-error.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { SessionStore, type Session } from './sessions.ts';
import { SignInLimiter, beginSignIn } from './sign-in-limiter.ts';
import { HttpError, checkRequestOrigin, csrfTokenOf, readCookie, readJson, send, sendJson } from './http-helpers.ts';
import { hostAllowed, type AllowedHosts } from '../session/request-guards.ts';
import { ListQuery, MarkBody, SignInBody, TrendsQuery, filtersFromQuery, parseOrThrow } from './api-schemas.ts';
import { serveStatic } from './static-files.ts';

export const SESSION_COOKIE = 'kc_review';

export interface ReviewHandlerOptions {
  store: CallStore;
  /** The Vite build folder holding review.html and assets/ (dist/renderer). */
  staticDir: string;
  /** Where the handler is mounted, e.g. '/review'; '' for the root. */
  basePath?: string;
  now?: () => number;
  sessions?: SessionStore;
  limiter?: SignInLimiter;
  /** Add `Secure` to the cookie; set it when served over HTTPS. */
  secureCookie?: boolean;
  /**
   * The names and port this server is reached by. When given, a request naming another Host is
   * refused (DNS rebinding) and an Origin must be one of these names. Leave it out only where the
   * server in front already checks Host (the session server mounts review so).
   */
  allowedHosts?: () => AllowedHosts;
}

export type ReviewHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createReviewHandler(options: ReviewHandlerOptions): ReviewHandler {
  const { store, staticDir } = options;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const sessions = options.sessions ?? new SessionStore({ now });
  const limiter = options.limiter ?? new SignInLimiter({ now });
  // Unknown usernames are checked against this, so a wrong name costs as long as a wrong password.
  const dummyHash = hashPassword('no such supervisor, constant-time filler');
  const cookiePath = basePath || '/';

  const cookie = (value: string, maxAgeS: number): string =>
    `${SESSION_COOKIE}=${value}; Path=${cookiePath}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${options.secureCookie ? '; Secure' : ''}`;

  const requireSession = (req: IncomingMessage): Session => {
    const session = sessions.touch(readCookie(req, SESSION_COOKIE));
    if (!session) throw new HttpError(401, 'niet ingelogd of sessie verlopen');
    return session;
  };

  const checkOrigin = (req: IncomingMessage): void => checkRequestOrigin(req, options.allowedHosts?.());

  /** A session plus its CSRF token: for every change, and for the export (a download another page could start). */
  const requireWriteSession = (req: IncomingMessage, query = new URLSearchParams()): Session => {
    checkOrigin(req);
    const session = requireSession(req);
    if (csrfTokenOf(req, query) !== session.csrfToken) throw new HttpError(403, 'missing or wrong X-CSRF-Token');
    return session;
  };

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkOrigin(req);
    const body = parseOrThrow(SignInBody, await readJson(req), 'sign-in');
    const address = req.socket.remoteAddress ?? 'unknown';
    // Reserved before the slow hash, so guesses sent in parallel count against each other.
    const attempt = beginSignIn(limiter, body.username, address);
    const stored = supervisorPasswordHash(store, body.username);
    const ok = await verifyPassword(body.password, stored ?? (await dummyHash));
    if (!ok || stored === null) {
      appendAudit(store, body.username, 'sign-in:failed', address);
      throw new HttpError(401, 'onbekende gebruiker of wachtwoord');
    }
    attempt.succeeded();
    const session = sessions.create(body.username);
    appendAudit(store, body.username, 'sign-in', address);
    sendJson(res, 200, { username: session.username, csrfToken: session.csrfToken }, {
      'Set-Cookie': cookie(session.token, Math.floor(sessions.maxAgeMs / 1000)),
    });
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const q = Object.fromEntries(query);
    if (path === '/api/session') {
      if (method === 'POST') return signIn(req, res);
      if (method === 'GET') {
        const s = requireSession(req);
        return sendJson(res, 200, { username: s.username, csrfToken: s.csrfToken });
      }
      if (method === 'DELETE') {
        const s = requireWriteSession(req);
        sessions.end(s.token);
        appendAudit(store, s.username, 'sign-out');
        return sendJson(res, 200, { ok: true }, { 'Set-Cookie': cookie('', 0) });
      }
    }
    // Every read of agents' data leaves an audit row naming what was looked at.
    if (path === '/api/calls' && method === 'GET') {
      const s = requireSession(req);
      const parsed = parseOrThrow(ListQuery, q, 'query');
      const filters = filtersFromQuery(parsed);
      const page = listCalls(store, filters, { offset: parsed.offset, limit: parsed.limit });
      appendAudit(store, s.username, 'calls:list', JSON.stringify({ ...filters, offset: page.offset, agents: [...new Set(page.calls.map((c) => c.agentId))] }));
      return sendJson(res, 200, page);
    }
    if (path === '/api/agents' && method === 'GET') {
      const s = requireSession(req);
      const agents = listAgents(store);
      appendAudit(store, s.username, 'agents:list', JSON.stringify(agents));
      return sendJson(res, 200, agents);
    }
    const callMatch = /^\/api\/calls\/([^/]{1,200})$/.exec(path);
    if (callMatch && method === 'GET') {
      const s = requireSession(req);
      const callId = decodeURIComponent(callMatch[1]!);
      const detail = getCallDetail(store, callId);
      if (!detail) throw new HttpError(404, `gesprek ${callId} bestaat niet (meer)`);
      appendAudit(store, s.username, 'call:view', `call:${callId}`);
      return sendJson(res, 200, detail);
    }
    const markMatch = /^\/api\/findings\/(\d{1,15})\/mark$/.exec(path);
    if (markMatch && (method === 'PUT' || method === 'DELETE')) {
      const s = requireWriteSession(req);
      const findingId = Number(markMatch[1]);
      if (method === 'DELETE') {
        clearMark(store, findingId, s.username);
        return sendJson(res, 200, { ok: true });
      }
      const body = parseOrThrow(MarkBody, await readJson(req), 'mark');
      markFinding(store, findingId, body, s.username);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/api/trends' && method === 'GET') {
      const s = requireSession(req);
      const parsed = parseOrThrow(TrendsQuery, q, 'query');
      const trends = weeklyTrends(store, { weeks: parsed.weeks, agentId: parsed.agent });
      appendAudit(store, s.username, 'trends:view', parsed.agent === undefined ? 'all agents' : `agent:${parsed.agent}`);
      return sendJson(res, 200, trends);
    }
    if (path === '/api/export.csv' && method === 'GET') {
      const s = requireWriteSession(req, query);
      const filters = filtersFromQuery(parseOrThrow(ListQuery, q, 'query'));
      const csv = exportFindingsCsv(store, filters);
      appendAudit(store, s.username, 'export:csv', JSON.stringify(filters));
      const day = new Date(now()).toISOString().slice(0, 10);
      return send(res, 200, `\uFEFF${csv}`, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="klachtcoach-bevindingen-${day}.csv"`,
      });
    }
    throw new HttpError(404, `no API route ${method} ${path}`);
  }

  return async (req, res) => {
    try {
      const allowed = options.allowedHosts?.();
      if (allowed && !hostAllowed(req.headers.host, allowed)) throw new HttpError(421, `Host "${String(req.headers.host).slice(0, 60)}" is not this server`);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) throw new HttpError(404, 'not found');
      const path = url.pathname.slice(basePath.length) || '/';
      if (path.startsWith('/api/')) return await api(req, res, path, url.searchParams);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
      const file = path === '/' ? '/review.html' : path;
      if (await serveStatic(res, staticDir, file)) return;
      if (file === '/review.html') {
        throw new HttpError(503, `the review page is not built (no review.html in ${staticDir}); run \`npm run build\``);
      }
      throw new HttpError(404, 'not found');
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message }, err.headers);
      const status = (err as { status?: unknown }).status;
      if (status === 400) return sendJson(res, 400, { error: (err as Error).message });
      if (err instanceof StoreError) return sendJson(res, 404, { error: err.message });
      console.error('klachtcoach review: request failed:', err);
      sendJson(res, 500, { error: 'internal error; see the server log' });
    }
  };
}
