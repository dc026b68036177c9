// The JSON API behind "Mijn momenten" (renderer/mine): the agent's own moments of recent calls
// (flags and praise, whether each was shown live, the supervisor's verdict, the agent's reply),
// the sync state, the agent's reply to a flag, and the agent's choice to share a moment with
// their supervisor or take it back (under 'agent-chooses'). The session server mounts it for the
// DESKTOP ROLE ONLY: it checks loopback and the desktop device key before this handler runs (a
// paired tablet's key is refused), so everything here trusts the caller to be the agent at this
// machine.
//   GET  /api/mine                      { sync, canChoose, moments: [...] }
//   POST /api/mine/share   {callId, findingId, share: boolean}
//   POST /api/mine/reply   {callId, findingId, text}     (empty text removes the reply)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { CallStore } from '../store/open-store.ts';
import { LOW_CONFIDENCE, MAX_AGENT_REPLY_CHARS as MAX_REPLY_CHARS, type TipOutcome, type Verdict } from '../contracts/review-api.ts';
import { setAgentReply } from '../store/agent-replies.ts';
import { StoreError } from '../store/store-error.ts';
import type { DesktopSync, SyncOverview } from './desktop-sync.ts';
import { findingSyncId } from './from-store.ts';

export const MINE_API_PATH = '/api/mine';
const MAX_BODY_BYTES = 4 * 1024;
/** Moments older than this are not offered: the agent chooses about recent calls. */
const RECENT_MS = 14 * 24 * 3600_000;
const MAX_MOMENTS = 200;

export interface Moment {
  callId: string;
  findingId: number;
  callStartedAtMs: number;
  atMs: number;
  kind: 'flag' | 'praise';
  behaviour: string;
  tip: string;
  /** The tip card's words, as the agent saw them live (null for moments recorded before they existed). */
  headline: string | null;
  say: string | null;
  /** The agent's words that triggered it, while the snippet retention keeps them. */
  words: string | null;
  /** Whether the coach showed it live as a tip. */
  shown: boolean;
  /** Held back because the engine was less sure ("lagere zekerheid"). */
  lowConfidence: boolean;
  /** Why the coach kept it off the screen (the cue policy's reason), null when shown. */
  heldReason: string | null;
  /** How the shown tip left the screen ("Begrepen", "Niet nu", …). */
  tipOutcome: TipOutcome | null;
  /** The supervisor's verdict on the moment, if marked. */
  verdict: { verdict: Verdict; comment: string; supervisor: string } | null;
  /** The agent's own reply to a flag. */
  reply: { text: string; atMs: number } | null;
  shared: boolean;
}

export interface MineReply {
  sync: SyncOverview;
  /** True when the organisation lets the agent choose (policy agent-chooses). */
  canChoose: boolean;
  moments: Moment[];
}

const MomentRef = { callId: z.string().min(1).max(64), findingId: z.number().int().positive() };
const ShareRequest = z.object({ ...MomentRef, share: z.boolean() }).strict();
const ReplyRequest = z.object({ ...MomentRef, text: z.string().max(MAX_REPLY_CHARS * 2) }).strict();

interface MomentRow extends Omit<Moment, 'shown' | 'lowConfidence' | 'verdict' | 'reply' | 'shared'> {
  shown: number;
  markVerdict: Verdict | null;
  markComment: string | null;
  markSupervisor: string | null;
  replyText: string | null;
  replyAtMs: number | null;
}

const SHARED_SQL = `CREATE TABLE IF NOT EXISTS team_shared_moments (finding_sync_id TEXT PRIMARY KEY, shared_at_ms INTEGER NOT NULL)`;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

/** The request's JSON body checked against `schema`; null after answering 400/415 when it is not one. */
async function readJsonBody<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<T | null> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(res, 415, { error: 'expected Content-Type: application/json' });
    return null;
  }
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(await readBody(req)));
  } catch (err) {
    sendJson(res, 400, { error: `request body: ${(err as Error).message}` });
    return null;
  }
  if (!parsed.success) {
    sendJson(res, 400, { error: `request body: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}` });
    return null;
  }
  return parsed.data;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createMineHandler(store: CallStore, sync: DesktopSync, now: () => number = Date.now): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  // Which moments the agent shared: kept beside the outbox, so the page can say so after a restart.
  store.db.exec(SHARED_SQL);
  const sharedIds = (): Set<string> => new Set((store.db.prepare('SELECT finding_sync_id AS id FROM team_shared_moments').all() as { id: string }[]).map((r) => r.id));

  function moments(): Moment[] {
    const rows = store.db.prepare(`
      SELECT f.id AS findingId, f.call_id AS callId, c.started_at_ms AS callStartedAtMs, f.at_ms AS atMs, f.kind, f.behaviour, f.tip,
        f.headline, f.say, f.span_text AS words, f.shown, f.held_reason AS heldReason, f.tip_outcome AS tipOutcome,
        m.verdict AS markVerdict, m.comment AS markComment, m.supervisor AS markSupervisor,
        f.agent_reply AS replyText, f.agent_reply_at_ms AS replyAtMs
      FROM findings f JOIN calls c ON c.id = f.call_id LEFT JOIN marks m ON m.finding_id = f.id
      WHERE c.started_at_ms >= ? AND c.ended_at_ms IS NOT NULL
      ORDER BY c.started_at_ms DESC, f.at_ms LIMIT ?`).all(now() - RECENT_MS, MAX_MOMENTS) as MomentRow[];
    const shared = sharedIds();
    return rows.map(({ markVerdict, markComment, markSupervisor, replyText, replyAtMs, ...r }) => ({
      ...r,
      shown: r.shown === 1,
      lowConfidence: r.heldReason === LOW_CONFIDENCE,
      verdict: markVerdict ? { verdict: markVerdict, comment: markComment ?? '', supervisor: markSupervisor ?? '' } : null,
      reply: replyText !== null ? { text: replyText, atMs: replyAtMs ?? 0 } : null,
      shared: shared.has(findingSyncId(r.callId, r.findingId)),
    }));
  }

  const flagExists = (callId: string, findingId: number): boolean =>
    store.db.prepare(`SELECT 1 FROM findings WHERE id = ? AND call_id = ? AND kind = 'flag'`).get(findingId, callId) !== undefined;
  const notFound = ({ callId, findingId }: { callId: string; findingId: number }) =>
    ({ error: `flagged moment ${findingId} of call ${callId} is not in the call store` });

  function reply(): MineReply {
    const overview = sync.overview();
    return { sync: overview, canChoose: overview.sharing === 'agent-chooses', moments: moments() };
  }

  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === MINE_API_PATH) return sendJson(res, 200, reply());
    if (req.method === 'POST' && path === `${MINE_API_PATH}/reply`) {
      const body = await readJsonBody(req, res, ReplyRequest);
      if (!body) return;
      if (!flagExists(body.callId, body.findingId)) return sendJson(res, 404, notFound(body));
      try {
        setAgentReply(store, body.callId, body.findingId, body.text);
      } catch (err) {
        if (err instanceof StoreError) return sendJson(res, 400, { error: err.message });
        throw err;
      }
      return sendJson(res, 200, reply());
    }
    if (req.method === 'POST' && path === `${MINE_API_PATH}/share`) {
      const body = await readJsonBody(req, res, ShareRequest);
      if (!body) return;
      const { callId, findingId, share } = body;
      if (sync.overview().sharing !== 'agent-chooses') return sendJson(res, 409, { error: 'the organisation shares every moment (share-all) or this desktop is not enrolled: there is nothing to choose' });
      if (!flagExists(callId, findingId)) return sendJson(res, 404, notFound(body));
      const syncId = findingSyncId(callId, findingId);
      try {
        if (share) {
          sync.share(callId, findingId);
          store.db.prepare('INSERT OR IGNORE INTO team_shared_moments (finding_sync_id, shared_at_ms) VALUES (?, ?)').run(syncId, now());
        } else {
          sync.team.withdrawFinding(syncId);
          store.db.prepare('DELETE FROM team_shared_moments WHERE finding_sync_id = ?').run(syncId);
        }
      } catch (err) {
        return sendJson(res, 422, { error: (err as Error).message });
      }
      return sendJson(res, 200, reply());
    }
    sendJson(res, 404, { error: `no ${req.method} ${path} here` });
  };
}
