// The write side the live session uses while a call runs. Usage from the session server:
//
//   const store = openStore(path.join(dataDir, 'calls.sqlite'));
//   const recorder = createCallRecorder(store);
//   const callId = recorder.startCall({ agentId: 'agent-17' });
//   recorder.recordUtterance(callId, { startMs: 1200, endMs: 3400, text: 'dat valt wel mee' });
//   const findingId = recorder.recordFinding(callId, finding, { shown: true }); // Finding from main/contracts
//   recorder.markAcknowledged(findingId);            // the agent dismissed or acted on the tip
//   recorder.recordTurnSegment(callId, { party: 'customer', startMs: 800, endMs: 3100 }); // timing only
//   recorder.endCall(callId, { agentTalkShare: 0.46 });
//
// The process that owns the store also runs the retention purge: `startAutomaticPurge(store)` from
// ./retention.ts once after opening (it repeats every 6 h). The review screens can be served from
// the same process with `createReviewHandler({ store, ... })` from main/review/review-handler.ts.
//
// Every method commits before it returns (WAL + synchronous=FULL), so once it has returned the
// write survives a killed process. Inputs are validated: a malformed finding is refused with a
// message naming the field, never half-written.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Finding } from '../contracts/finding.ts';
import { TurnSegment } from '../contracts/turn-segments.ts';
import type { CallStore } from './open-store.ts';
import { StoreError } from './store-error.ts';

const StartCallInput = z.object({
  agentId: z.string().trim().min(1).max(200),
  /** Defaults to a fresh UUID. */
  callId: z.string().min(1).max(200).optional(),
  /** Epoch ms; defaults to the store's clock. */
  startedAtMs: z.number().int().nonnegative().optional(),
});
export type StartCallInput = z.input<typeof StartCallInput>;

const UtteranceInput = z
  .object({
    startMs: z.number().nonnegative(),
    endMs: z.number().nonnegative(),
    text: z.string().max(10_000),
  })
  .refine((u) => u.endMs >= u.startMs, { message: 'endMs is before startMs', path: ['endMs'] });
export type UtteranceInput = z.input<typeof UtteranceInput>;

const EndCallInput = z.object({
  endedAtMs: z.number().int().nonnegative().optional(),
  agentTalkShare: z.number().min(0).max(1).optional(),
});
export type EndCallInput = z.input<typeof EndCallInput>;

export interface RecordFindingOptions {
  /** Whether the coach showed the tip (a finding can be recorded but held back by the cue policy). */
  shown?: boolean;
}

export interface CallRecorder {
  startCall(input: StartCallInput): string;
  recordUtterance(callId: string, utterance: UtteranceInput): number;
  recordFinding(callId: string, finding: Finding, options?: RecordFindingOptions): number;
  markAcknowledged(findingId: number): void;
  /** One stretch of one party's speech: who spoke when, never what. */
  recordTurnSegment(callId: string, segment: TurnSegment): void;
  endCall(callId: string, input?: EndCallInput): void;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new StoreError(`${what}: ${where}: ${issue?.message ?? 'invalid'}`);
}

export function createCallRecorder(store: CallStore): CallRecorder {
  const { db } = store;
  const insertCall = db.prepare(
    'INSERT INTO calls (id, agent_id, started_at_ms) VALUES (@id, @agentId, @startedAtMs)',
  );
  const callExists = db.prepare('SELECT 1 FROM calls WHERE id = ?').pluck();
  const insertUtterance = db.prepare(
    `INSERT INTO utterances (call_id, start_ms, end_ms, text, recorded_at_ms)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const insertFinding = db.prepare(
    `INSERT INTO findings (call_id, kind, behaviour, rule_id, at_ms, tip, severity, source,
       span_start_char, span_end_char, span_text, range_start_ms, range_end_ms, shown, recorded_at_ms)
     VALUES (@callId, @kind, @behaviour, @ruleId, @atMs, @tip, @severity, @source,
       @spanStart, @spanEnd, @spanText, @rangeStart, @rangeEnd, @shown, @recordedAt)`,
  );
  const acknowledge = db.prepare('UPDATE findings SET acknowledged = 1 WHERE id = ?');
  const insertSegment = db.prepare(
    'INSERT INTO turn_segments (call_id, party, start_ms, end_ms, recorded_at_ms) VALUES (?, ?, ?, ?, ?)',
  );
  const finishCall = db.prepare(
    'UPDATE calls SET ended_at_ms = ?, agent_talk_share = COALESCE(?, agent_talk_share) WHERE id = ?',
  );

  const utteranceExists = db
    .prepare('SELECT 1 FROM utterances WHERE call_id = ? AND start_ms = ? AND end_ms = ?')
    .pluck();

  // A text finding carries its utterance; keep it as a snippet if the session did not record it
  // separately, so the review screen can show the agent's words around the flag.
  const recordFindingTx = db.transaction((callId: string, f: Finding, shown: boolean): number => {
    const now = store.now();
    if (f.utterance) {
      const startMs = Math.round(f.utterance.startMs);
      const endMs = Math.round(f.utterance.endMs);
      if (!utteranceExists.get(callId, startMs, endMs)) {
        insertUtterance.run(callId, startMs, endMs, f.utterance.text, now);
      }
    }
    const info = insertFinding.run({
      callId,
      kind: f.kind,
      behaviour: f.behaviour,
      ruleId: f.ruleId,
      atMs: Math.round(f.atMs),
      tip: f.tip,
      severity: f.severity,
      source: f.source,
      spanStart: f.span?.startChar ?? null,
      spanEnd: f.span?.endChar ?? null,
      spanText: f.span?.text ?? null,
      rangeStart: f.rangeMs ? Math.round(f.rangeMs.startMs) : null,
      rangeEnd: f.rangeMs ? Math.round(f.rangeMs.endMs) : null,
      shown: shown ? 1 : 0,
      recordedAt: now,
    });
    return Number(info.lastInsertRowid);
  });

  const requireCall = (callId: string): void => {
    if (!callExists.get(callId)) throw new StoreError(`call ${callId} is not in the store`);
  };

  return {
    startCall(input) {
      const parsed = parse(StartCallInput, input, 'startCall');
      const id = parsed.callId ?? randomUUID();
      insertCall.run({ id, agentId: parsed.agentId, startedAtMs: parsed.startedAtMs ?? store.now() });
      return id;
    },

    recordUtterance(callId, utterance) {
      const u = parse(UtteranceInput, utterance, 'recordUtterance');
      requireCall(callId);
      const info = insertUtterance.run(callId, Math.round(u.startMs), Math.round(u.endMs), u.text, store.now());
      return Number(info.lastInsertRowid);
    },

    recordFinding(callId, finding, options = {}) {
      const f = parse(Finding, finding, 'recordFinding');
      requireCall(callId);
      return recordFindingTx(callId, f, options.shown !== false);
    },

    markAcknowledged(findingId) {
      const changed = acknowledge.run(findingId).changes;
      if (changed === 0) throw new StoreError(`finding ${findingId} is not in the store`);
    },

    recordTurnSegment(callId, segment) {
      const s = parse(TurnSegment, segment, 'recordTurnSegment');
      requireCall(callId);
      insertSegment.run(callId, s.party, Math.round(s.startMs), Math.round(s.endMs), store.now());
    },

    endCall(callId, input = {}) {
      const parsed = parse(EndCallInput, input, 'endCall');
      const changed = finishCall.run(parsed.endedAtMs ?? store.now(), parsed.agentTalkShare ?? null, callId).changes;
      if (changed === 0) throw new StoreError(`call ${callId} is not in the store`);
    },
  };
}
