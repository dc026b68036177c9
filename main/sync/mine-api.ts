// The JSON API behind "Mijn momenten" (renderer/mine): the agent's own flagged moments of recent
// calls, the sync state, and the agent's choice to share a moment with their supervisor or take
// it back (under 'agent-chooses'). The session server mounts it for the DESKTOP ROLE ONLY: it
// checks loopback and the desktop device key before this handler runs (a paired tablet's key is
// refused), so everything here trusts the caller to be the agent at this machine.
//   GET  /api/mine                      { sync, canChoose, moments: [...] }
//   POST /api/mine/share   {callId, findingId, share: boolean}
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { CallStore } from '../store/open-store.ts';
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
  behaviour: string;
  tip: string;
  /** The agent's words that triggered it, while the snippet retention keeps them. */
  words: string | null;
  shared: boolean;
}

export interface MineReply {
  sync: SyncOverview;
  /** True when the organisation lets the agent choose (policy agent-chooses). */
  canChoose: boolean;
  moments: Moment[];
}

const ShareRequest = z.object({
  callId: z.string().min(1).max(64),
  findingId: z.number().int().positive(),
  share: z.boolean(),
}).strict();

const SHARED_SQL = `CREATE TABLE IF NOT EXISTS team_shared_moments (finding_sync_id TEXT PRIMARY KEY, shared_at_ms INTEGER NOT NULL)`;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
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
      SELECT f.id AS findingId, f.call_id AS callId, c.started_at_ms AS callStartedAtMs, f.at_ms AS atMs, f.behaviour, f.tip, f.span_text AS words
      FROM findings f JOIN calls c ON c.id = f.call_id
      WHERE f.kind = 'flag' AND c.started_at_ms >= ? AND c.ended_at_ms IS NOT NULL
      ORDER BY c.started_at_ms DESC, f.at_ms LIMIT ?`).all(now() - RECENT_MS, MAX_MOMENTS) as Omit<Moment, 'shared'>[];
    const shared = sharedIds();
    return rows.map((r) => ({ ...r, shared: shared.has(findingSyncId(r.callId, r.findingId)) }));
  }

  function reply(): MineReply {
    const overview = sync.overview();
    return { sync: overview, canChoose: overview.sharing === 'agent-chooses', moments: moments() };
  }

  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === MINE_API_PATH) return sendJson(res, 200, reply());
    if (req.method === 'POST' && path === `${MINE_API_PATH}/share`) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { error: 'expected Content-Type: application/json' });
      let parsed;
      try {
        parsed = ShareRequest.safeParse(JSON.parse(await readBody(req)));
      } catch (err) {
        return sendJson(res, 400, { error: `request body: ${(err as Error).message}` });
      }
      if (!parsed.success) return sendJson(res, 400, { error: `request body: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}` });
      const { callId, findingId, share } = parsed.data;
      if (sync.overview().sharing !== 'agent-chooses') return sendJson(res, 409, { error: 'the organisation shares every moment (share-all) or this desktop is not enrolled: there is nothing to choose' });
      const exists = store.db.prepare(`SELECT 1 FROM findings WHERE id = ? AND call_id = ? AND kind = 'flag'`).get(findingId, callId);
      if (!exists) return sendJson(res, 404, { error: `moment ${findingId} of call ${callId} is not in the call store` });
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
