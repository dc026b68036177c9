// Retention: the agent's words (utterance snippets and the triggering words of findings) are
// erased after `snippetDays`, findings (and their marks) and the calls' turn segments (who spoke
// when) after `findingDays`, and a call with nothing left is removed with them. The team outbox
// follows the same days, and erased text is zeroed in the file, not just unlinked (secure_delete,
// incremental vacuum, WAL truncated). Defaults follow DESIGN.md: 30 and 90 days. The policy is
// stored in the database so the desktop app, the review server and the CLI all apply the same.
import { z } from 'zod';
import type { CallStore } from './open-store.ts';
import { StoreError } from './store-error.ts';
import { purgeOutbox } from '../sync/outbox.ts';
import { purgePracticeRounds } from './practice-results.ts';

const DAY_MS = 86_400_000;

export const RetentionPolicy = z
  .object({
    snippetDays: z.number().int().min(1).max(3650),
    findingDays: z.number().int().min(1).max(3650),
  })
  .refine((p) => p.findingDays >= p.snippetDays, {
    message: 'findings must be kept at least as long as snippets',
    path: ['findingDays'],
  });
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const DEFAULT_RETENTION: RetentionPolicy = { snippetDays: 30, findingDays: 90 };

export function readRetention(store: CallStore): RetentionPolicy {
  const raw = store.db.prepare("SELECT value FROM settings WHERE key = 'retention'").pluck().get() as string | undefined;
  if (raw === undefined) return DEFAULT_RETENTION;
  const parsed = RetentionPolicy.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new StoreError(`${store.file}: settings.retention is invalid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function writeRetention(store: CallStore, policy: RetentionPolicy): void {
  const checked = RetentionPolicy.safeParse(policy);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new StoreError(`retention: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  store.db
    .prepare("INSERT INTO settings (key, value) VALUES ('retention', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(JSON.stringify(checked.data));
}

export interface PurgeResult {
  snippetsErased: number;
  findingsDeleted: number;
  turnSegmentsDeleted: number;
  callsDeleted: number;
  /** Team outbox items past the finding retention (waiting or refused by the server), deleted. */
  outboxItemsDeleted: number;
  /** Team outbox findings past the snippet retention whose words were blanked. */
  outboxWordsErased: number;
  /** Practice rounds past the finding retention, deleted. */
  practiceRoundsDeleted: number;
  /** Practice rounds past the snippet retention whose words were erased from the score card. */
  practiceWordsErased: number;
}

/** Applies the stored policy once. Safe to run at any time; one short write transaction. */
export function purgeExpired(store: CallStore): PurgeResult {
  const policy = readRetention(store);
  const now = store.now();
  const snippetCutoff = now - policy.snippetDays * DAY_MS;
  const findingCutoff = now - policy.findingDays * DAY_MS;
  const { db } = store;
  const result = db
    .transaction((): PurgeResult => {
      const utterances = db
        .prepare('UPDATE utterances SET text = NULL WHERE text IS NOT NULL AND recorded_at_ms < ?')
        .run(snippetCutoff).changes;
      // The triggering words and the evidence are the agent's words too.
      const spans = db
        .prepare('UPDATE findings SET span_text = NULL WHERE span_text IS NOT NULL AND recorded_at_ms < ?')
        .run(snippetCutoff).changes;
      db.prepare('UPDATE findings SET evidence_json = NULL WHERE evidence_json IS NOT NULL AND recorded_at_ms < ?').run(snippetCutoff);
      const findings = db.prepare('DELETE FROM findings WHERE recorded_at_ms < ?').run(findingCutoff).changes;
      const segments = db.prepare('DELETE FROM turn_segments WHERE recorded_at_ms < ?').run(findingCutoff).changes;
      // A call older than the finding retention with no findings left has nothing to review.
      const calls = db
        .prepare(
          `DELETE FROM calls WHERE started_at_ms < ?
             AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.call_id = calls.id)`,
        )
        .run(findingCutoff).changes;
      const cutoffs = { snippetCutoffMs: snippetCutoff, findingCutoffMs: findingCutoff };
      const outbox = purgeOutbox(db, cutoffs);
      const [practiceRoundsDeleted, practiceWordsErased] = purgePracticeRounds(db, cutoffs);
      return {
        snippetsErased: utterances + spans, findingsDeleted: findings, turnSegmentsDeleted: segments, callsDeleted: calls,
        outboxItemsDeleted: outbox.itemsDeleted, outboxWordsErased: outbox.wordsErased, practiceRoundsDeleted, practiceWordsErased,
      };
    })
    .immediate();
  if (Object.values(result).some((n) => n > 0)) releaseErasedPages(store);
  return result;
}

/**
 * After a purge: freed pages go back to the file system, and the write-ahead log, which still
 * holds the pages as they were before the purge, is folded into the file and emptied.
 * (secure_delete, set in open-store.ts, has already zeroed the erased text in the pages.)
 */
function releaseErasedPages(store: CallStore): void {
  store.db.pragma('incremental_vacuum');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Runs the purge now and then every `intervalMs` (default 6 h) for as long as the store is open.
 * Returns a stop function. The timer is unref'd so it never keeps a process alive.
 */
export function startAutomaticPurge(
  store: CallStore,
  options: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): () => void {
  const run = (): void => {
    if (!store.db.open) return;
    try {
      purgeExpired(store);
    } catch (err) {
      (options.onError ?? ((e) => console.error('klachtcoach store: retention purge failed:', e)))(err);
    }
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? 6 * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
