// A supervisor's judgement of one finding: right or wrong, with a comment. Marking again replaces
// the earlier mark; every mark is written to the audit log in the same transaction.
import { z } from 'zod';
import type { CallStore } from './open-store.ts';
import { appendAudit } from './audit-log.ts';
import { StoreError } from './store-error.ts';

export const MarkInput = z.object({
  verdict: z.enum(['right', 'wrong']),
  comment: z.string().max(2000).default(''),
});
export type MarkInput = z.input<typeof MarkInput>;

export function markFinding(store: CallStore, findingId: number, input: MarkInput, supervisor: string): void {
  const mark = MarkInput.parse(input);
  store.db
    .transaction(() => {
      const exists = store.db.prepare('SELECT 1 FROM findings WHERE id = ?').pluck().get(findingId);
      if (!exists) throw new StoreError(`finding ${findingId} is not in the store`);
      store.db
        .prepare(
          `INSERT INTO marks (finding_id, verdict, comment, supervisor, marked_at_ms) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (finding_id) DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment,
             supervisor = excluded.supervisor, marked_at_ms = excluded.marked_at_ms`,
        )
        .run(findingId, mark.verdict, mark.comment, supervisor, store.now());
      appendAudit(store, supervisor, `mark:${mark.verdict}`, `finding:${findingId}`);
    })
    .immediate();
}

export function clearMark(store: CallStore, findingId: number, supervisor: string): void {
  store.db
    .transaction(() => {
      store.db.prepare('DELETE FROM marks WHERE finding_id = ?').run(findingId);
      appendAudit(store, supervisor, 'mark:clear', `finding:${findingId}`);
    })
    .immediate();
}
