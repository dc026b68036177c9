// Glue between the desktop's call store (main/store) and the team outbox: after a call ends, the
// app hands its id here and the call summary, its findings (subject to the sharing policy) and
// the supervisor marks made on this desktop are queued for the team server. Ids sent to the
// server are made from the store's own ids, so queueing the same call again only updates.
import type { Finding } from '../contracts/finding.ts';
import { getCallDetail, type CallDetail, type ReviewFinding } from '../store/call-detail.ts';
import type { CallStore } from '../store/open-store.ts';
import { DesktopId } from '../team/sync-contract.ts';
import type { FindingQueueResult, FindingRecord, TeamSync } from './team-sync.ts';

export interface QueuedCall {
  callId: string;
  findings: { storeId: number; syncId: string; result: FindingQueueResult }[];
}

/** The id a stored finding has on the team server: unique across desktops because the call id is. */
export function findingSyncId(callId: string, storeFindingId: number): string {
  return `${callId}-f${storeFindingId}`;
}

function loadCall(store: CallStore, callId: string): CallDetail {
  if (!DesktopId.safeParse(callId).success || !DesktopId.safeParse(`${findingSyncId(callId, 999_999_999)}-m`).success) {
    throw new Error(`call id "${callId}" cannot be sent to the team server: ids must be 8–60 characters of A–Z, a–z, 0–9, _ or -`);
  }
  const detail = getCallDetail(store, callId);
  if (!detail) throw new Error(`call ${callId} is not in the call store`);
  return detail;
}

function toRecord(detail: CallDetail, f: ReviewFinding): FindingRecord {
  const context = detail.utterances.find((u) => f.contextUtteranceIds.includes(u.id));
  const finding: Finding = {
    kind: f.kind, behaviour: f.behaviour, ruleId: f.ruleId, atMs: f.atMs, tip: f.tip, severity: f.severity, source: f.source,
    // Words the snippet retention already removed stay removed: they travel as empty text.
    ...(f.span ? { span: { startChar: f.span.startChar, endChar: f.span.endChar, text: f.span.text ?? '' } } : {}),
    ...(context ? { utterance: { startMs: context.startMs, endMs: context.endMs, text: context.text ?? '' } } : {}),
    // Findings stored before every finding carried its stretch: the utterance, else the moment.
    rangeMs: f.rangeMs ?? (context ? { startMs: context.startMs, endMs: context.endMs } : { startMs: f.atMs, endMs: f.atMs }),
  };
  return {
    id: findingSyncId(detail.call.id, f.id),
    callId: detail.call.id,
    occurredAt: new Date(detail.call.startedAtMs + f.atMs).toISOString(),
    finding,
  };
}

/** Queues a stored call with its findings and marks; under 'agent-chooses' findings wait for the agent. */
export function queueStoredCall(sync: TeamSync, store: CallStore, callId: string): QueuedCall {
  const detail = loadCall(store, callId);
  const { call } = detail;
  sync.recordCall({
    id: call.id,
    startedAt: new Date(call.startedAtMs).toISOString(),
    endedAt: call.endedAtMs === null ? null : new Date(call.endedAtMs).toISOString(),
    summary: {
      durationMs: call.endedAtMs === null ? 0 : Math.max(0, call.endedAtMs - call.startedAtMs),
      flagCount: call.flags,
      praiseCount: call.praise,
      ...(call.agentTalkShare === null ? {} : { agentTalkShare: call.agentTalkShare }),
    },
    turns: detail.turns,
  });
  const findings = detail.findings.map((f) => {
    const record = toRecord(detail, f);
    const result = sync.recordFinding(record);
    if (result === 'queued' && f.mark) queueMark(sync, record.id, f);
    return { storeId: f.id, syncId: record.id, result };
  });
  return { callId, findings };
}

/** The agent chose to share one stored finding (and its desktop mark, if any). */
export function shareStoredFinding(sync: TeamSync, store: CallStore, callId: string, storeFindingId: number): FindingQueueResult {
  const detail = loadCall(store, callId);
  const f = detail.findings.find((x) => x.id === storeFindingId);
  if (!f) throw new Error(`finding ${storeFindingId} is not part of call ${callId}`);
  const record = toRecord(detail, f);
  const result = sync.shareFinding(record);
  if (result === 'queued' && f.mark) queueMark(sync, record.id, f);
  return result;
}

function queueMark(sync: TeamSync, syncFindingId: string, f: ReviewFinding): void {
  if (!f.mark) return;
  sync.recordMark({ id: `${syncFindingId}-m`, findingId: syncFindingId, verdict: f.mark.verdict, comment: f.mark.comment, markedAt: new Date(f.mark.markedAtMs).toISOString() });
}
