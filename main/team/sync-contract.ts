// The wire contract between a desktop and the team server. Both sides import it: the server
// validates every request with it, the desktop validates every reply. Ids of calls, findings and
// marks are made on the desktop; the server upserts by them, so resending is always safe.
import { z } from 'zod';
import { Finding } from '../contracts/finding.ts';
import { TurnSegments } from '../contracts/turn-segments.ts';

/** An id made on the desktop (a random UUID in practice). */
export const DesktopId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 characters of A–Z, a–z, 0–9, _ or -');

/**
 * The id a desktop's item has on the team server: scoped to the desktop (its device id), so ids
 * made on different desktops never collide and cannot be claimed by another desktop. The dot
 * cannot occur in a DesktopId, so the scope is never ambiguous.
 */
export function serverItemId(deviceId: string, desktopId: string): string {
  return `${deviceId}.${desktopId}`;
}

export const SharingMode = z.enum(['share-all', 'agent-chooses']);
export type SharingMode = z.infer<typeof SharingMode>;

/** What the organisation allows; the desktop follows it and the server enforces it. */
export const SharingPolicy = z.object({
  sharing: SharingMode,
  shareSnippets: z.boolean(),
  showAgentNames: z.boolean(),
  snippetRetentionDays: z.number().int().min(1).max(3650),
  findingRetentionDays: z.number().int().min(1).max(3650),
});
export type SharingPolicy = z.infer<typeof SharingPolicy>;

export const CallSummary = z.object({
  durationMs: z.number().nonnegative(),
  flagCount: z.number().int().nonnegative(),
  praiseCount: z.number().int().nonnegative(),
  /** Share of talk time that was the agent's, 0..1, if known. */
  agentTalkShare: z.number().min(0).max(1).optional(),
});
export type CallSummary = z.infer<typeof CallSummary>;

export const SyncCall = z.object({
  type: z.literal('call'),
  id: DesktopId,
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  summary: CallSummary,
  /** Who spoke when (timing only). Sent under 'share-all' only; the server drops it otherwise. */
  turns: TurnSegments.optional(),
});

export const SyncFinding = z.object({
  type: z.literal('finding'),
  id: DesktopId,
  callId: DesktopId,
  /** Wall-clock time of the moment (call start + atMs), so retention can be judged. */
  occurredAt: z.iso.datetime({ offset: true }),
  /** True once the agent chose to share this moment (required under 'agent-chooses'). */
  sharedByAgent: z.boolean(),
  finding: Finding,
});

export const SyncMark = z.object({
  type: z.literal('mark'),
  id: DesktopId,
  findingId: DesktopId,
  verdict: z.enum(['right', 'wrong']),
  comment: z.string().max(2000).optional(),
  markedAt: z.iso.datetime({ offset: true }),
});

/** The agent took a shared moment back: the server deletes it. */
export const SyncWithdraw = z.object({
  type: z.literal('withdraw'),
  id: DesktopId,
});

export const SyncItem = z.discriminatedUnion('type', [SyncCall, SyncFinding, SyncMark, SyncWithdraw]);
export type SyncItem = z.infer<typeof SyncItem>;

export const MAX_BATCH_ITEMS = 500;

export const SyncBatch = z.object({ items: z.array(SyncItem).min(1).max(MAX_BATCH_ITEMS) });
export type SyncBatch = z.infer<typeof SyncBatch>;

/**
 * stored: now on the server (new or updated). rejected: will never be accepted (retrying is
 * pointless; the desktop keeps it aside and shows it). expired: older than the retention, so
 * the server did not keep it, which is also final.
 */
export const ItemStatus = z.enum(['stored', 'rejected', 'expired']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const SyncItemResult = z.object({
  type: z.enum(['call', 'finding', 'mark', 'withdraw']),
  id: z.string(),
  status: ItemStatus,
  reason: z.string().optional(),
});
export type SyncItemResult = z.infer<typeof SyncItemResult>;

export const SyncReply = z.object({ results: z.array(SyncItemResult), policy: SharingPolicy });
export type SyncReply = z.infer<typeof SyncReply>;

export const EnrolRequest = z.object({
  code: z.string().min(8).max(64),
  deviceName: z.string().min(1).max(120),
});

export const EnrolReply = z.object({
  deviceId: z.string(),
  agentId: z.string(),
  token: z.string(),
  policy: SharingPolicy,
});
export type EnrolReply = z.infer<typeof EnrolReply>;
