// A call whose process was killed (kill -9, power cut, a crash) never got its end written: every
// write before that is in the store, but `ended_at_ms` stays NULL, the call looks as if it is
// still running and is never sent to the team server. When the one process that records calls
// starts, no call of its own is running yet, so every open call is such a leftover: it is closed
// at its last recorded event (the latest utterance end or finding), or at its start if it has none.
import type { CallStore } from './open-store.ts';

/** Closes every call left open by an interrupted run; returns their ids (oldest first). */
export function closeStaleCalls(store: CallStore): string[] {
  const { db } = store;
  return db.transaction((): string[] => {
    const open = db.prepare(
      `SELECT c.id, c.started_at_ms + max(0,
           coalesce((SELECT max(u.end_ms) FROM utterances u WHERE u.call_id = c.id), 0),
           coalesce((SELECT max(max(f.at_ms, coalesce(f.range_end_ms, 0))) FROM findings f WHERE f.call_id = c.id), 0)) AS last_event_ms
         FROM calls c WHERE c.ended_at_ms IS NULL ORDER BY c.started_at_ms, c.id`,
    ).all() as { id: string; last_event_ms: number }[];
    const close = db.prepare('UPDATE calls SET ended_at_ms = ? WHERE id = ? AND ended_at_ms IS NULL');
    for (const call of open) close.run(call.last_event_ms, call.id);
    return open.map((c) => c.id);
  }).immediate();
}
