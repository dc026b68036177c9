// The review list: one page of calls, newest first, with counts per call. Counts are computed
// only for the rows on the page (index lookups per call), so the list opens quickly however many
// calls are stored.
import type { CallStore } from './open-store.ts';
import { callFilterSql, type CallFilters } from './call-filters.ts';
import { LOW_CONFIDENCE, type CallPage, type CallSummary } from '../contracts/review-api.ts';

export type { CallPage, CallSummary } from '../contracts/review-api.ts';

export const MAX_PAGE_SIZE = 200;

const SURE = `(f.held_reason IS NULL OR f.held_reason <> '${LOW_CONFIDENCE}')`;

/**
 * The columns of a `CallSummary` for a row `c` of `calls`; shared with the call detail. Findings
 * the coach held back for lower certainty are counted apart from flags and praise.
 */
export const CALL_SUMMARY_COLUMNS = `c.id, c.agent_id AS agentId, c.started_at_ms AS startedAtMs, c.ended_at_ms AS endedAtMs,
         c.agent_talk_share AS agentTalkShare,
         (SELECT COUNT(*) FROM findings f WHERE f.call_id = c.id AND f.kind = 'flag' AND ${SURE}) AS flags,
         (SELECT COUNT(*) FROM findings f WHERE f.call_id = c.id AND f.kind = 'praise' AND ${SURE}) AS praise,
         (SELECT COUNT(*) FROM findings f WHERE f.call_id = c.id AND f.held_reason = '${LOW_CONFIDENCE}') AS lowConfidence,
         (SELECT COUNT(*) FROM findings f JOIN marks m ON m.finding_id = f.id WHERE f.call_id = c.id) AS marked`;

export function listCalls(store: CallStore, filters: CallFilters, page: { offset?: number; limit?: number } = {}): CallPage {
  const { where, params } = callFilterSql(filters);
  const limit = Math.min(Math.max(1, page.limit ?? 50), MAX_PAGE_SIZE);
  const offset = Math.max(0, page.offset ?? 0);
  const total = store.db.prepare(`SELECT COUNT(*) FROM calls c ${where}`).pluck().get(params) as number;
  const calls = store.db
    .prepare(
      `SELECT ${CALL_SUMMARY_COLUMNS}
       FROM calls c ${where}
       ORDER BY c.started_at_ms DESC, c.id
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as CallSummary[];
  return { total, offset, calls };
}

/** Agent ids that have calls, for the filter menu. */
export function listAgents(store: CallStore): string[] {
  return store.db.prepare('SELECT DISTINCT agent_id FROM calls ORDER BY agent_id').pluck().all() as string[];
}
