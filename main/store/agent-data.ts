// The agent's own rights (AVG/GDPR art. 15, 17, 20): export everything stored about them as JSON,
// and delete a call with everything in it (utterances, findings, marks cascade).
import type { CallStore } from './open-store.ts';
import { getCallDetail, type CallDetail } from './call-detail.ts';
import { appendAudit } from './audit-log.ts';
import { StoreError } from './store-error.ts';
import { practiceRoundsOf, type PracticeResult } from './practice-results.ts';

export interface AgentExport {
  format: 'klachtcoach-agent-export';
  version: 1;
  agentId: string;
  exportedAtMs: number;
  calls: CallDetail[];
  /** The agent's practice rounds (score cards), oldest first: their data too, kept apart from calls. */
  practiceRounds: PracticeResult[];
}

export function exportAgentData(store: CallStore, agentId: string): AgentExport {
  const ids = store.db
    .prepare('SELECT id FROM calls WHERE agent_id = ? ORDER BY started_at_ms')
    .pluck()
    .all(agentId) as string[];
  const calls = ids.map((id) => getCallDetail(store, id)).filter((c): c is CallDetail => c !== null);
  const practiceRounds = practiceRoundsOf(store, agentId).reverse();
  return { format: 'klachtcoach-agent-export', version: 1, agentId, exportedAtMs: store.now(), calls, practiceRounds };
}

/** Deletes one call and everything recorded in it. `actor` is who asked (agent or supervisor). */
export function deleteCall(store: CallStore, callId: string, actor: string): void {
  store.db
    .transaction(() => {
      const changed = store.db.prepare('DELETE FROM calls WHERE id = ?').run(callId).changes;
      if (changed === 0) throw new StoreError(`call ${callId} is not in the store`);
      appendAudit(store, actor, 'call:delete', `call:${callId}`);
    })
    .immediate();
}
