// The agent's reply to a flagged moment ("Ik had de klant al twee keer laten uitpraten"), written
// on Mijn momenten and shown to the supervisor in review beside the mark. One reply per flag; a
// new one replaces it, an empty one removes it. The agent's own words about the call, kept as
// long as the finding itself (it goes with the finding retention and with a deleted call).
import type { CallStore } from './open-store.ts';
import { StoreError } from './store-error.ts';
import { MAX_AGENT_REPLY_CHARS as MAX_REPLY_CHARS } from '../contracts/review-api.ts';

export function setAgentReply(store: CallStore, callId: string, findingId: number, text: string): void {
  const reply = text.trim();
  if (reply.length > MAX_REPLY_CHARS) throw new StoreError(`reply: at most ${MAX_REPLY_CHARS} characters, this has ${reply.length}`);
  const changed = store.db
    .prepare(`UPDATE findings SET agent_reply = ?, agent_reply_at_ms = ? WHERE id = ? AND call_id = ? AND kind = 'flag'`)
    .run(reply === '' ? null : reply, reply === '' ? null : store.now(), findingId, callId).changes;
  if (changed === 0) throw new StoreError(`flag ${findingId} of call ${callId} is not in the call store`);
}
