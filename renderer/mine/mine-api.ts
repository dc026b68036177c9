// The page's side of /api/mine: the desktop key from the URL fragment (never sent in the URL)
// goes in the Authorization header; replies are checked with zod before the page uses them.
import { z } from 'zod';
import { readFragment } from '../session-client/fragment.ts';

const Overview = z.object({
  enrolled: z.boolean(),
  server: z.string().nullable(),
  sharing: z.enum(['share-all', 'agent-chooses']).nullable(),
  status: z.string(),
  pending: z.number(),
  rejected: z.number(),
  retryingSinceMs: z.number().nullable(),
  nextRetryAtMs: z.number().nullable(),
  lastSuccessAtMs: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type Overview = z.infer<typeof Overview>;

const Moment = z.object({
  callId: z.string(),
  findingId: z.number(),
  callStartedAtMs: z.number(),
  atMs: z.number(),
  kind: z.enum(['flag', 'praise']),
  behaviour: z.string(),
  tip: z.string(),
  headline: z.string().nullable(),
  say: z.string().nullable(),
  words: z.string().nullable(),
  shown: z.boolean(),
  lowConfidence: z.boolean(),
  heldReason: z.string().nullable(),
  tipOutcome: z.enum(['acknowledged', 'dismissed', 'expired', 'replaced']).nullable(),
  verdict: z.object({ verdict: z.enum(['right', 'wrong']), comment: z.string(), supervisor: z.string() }).nullable(),
  reply: z.object({ text: z.string(), atMs: z.number() }).nullable(),
  shared: z.boolean(),
});
export type Moment = z.infer<typeof Moment>;

export const MineReply = z.object({ sync: Overview, canChoose: z.boolean(), moments: z.array(Moment) });
export type MineReply = z.infer<typeof MineReply>;

export class MineApiError extends Error {}

export function desktopAuthorization(hash: string): string | null {
  const secret = readFragment(hash);
  return secret?.kind === 'desktop' ? `Desktop ${secret.deviceId}.${secret.key}` : null;
}

async function call(auth: string, path: string, init: RequestInit = {}): Promise<MineReply> {
  const res = await fetch(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: auth }, cache: 'no-store' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${res.status}`;
    throw new MineApiError(message);
  }
  const parsed = MineReply.safeParse(body);
  if (!parsed.success) throw new MineApiError(`onverwacht antwoord van de coach (${parsed.error.issues[0]?.path.join('.')})`);
  return parsed.data;
}

export function loadMine(auth: string): Promise<MineReply> {
  return call(auth, '/api/mine');
}

function post(auth: string, path: string, body: object): Promise<MineReply> {
  return call(auth, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function chooseShare(auth: string, m: Moment, share: boolean): Promise<MineReply> {
  return post(auth, '/api/mine/share', { callId: m.callId, findingId: m.findingId, share });
}

/** The agent's reply to a flag; an empty text removes it. */
export function sendReply(auth: string, m: Moment, text: string): Promise<MineReply> {
  return post(auth, '/api/mine/reply', { callId: m.callId, findingId: m.findingId, text });
}
