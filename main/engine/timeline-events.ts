// What a call timeline sends out, in the order it decided it (atMs never goes backwards within
// one kind of source; phrase findings are released when the audio reaches the utterance's end).
import type { Finding } from '../contracts/finding.ts';
import type { TalkState, TurnEvent } from '../turns/turn-events.ts';

export type TimelineEvent =
  | { type: 'turn'; event: Exclude<TurnEvent, { type: 'tick' }> }
  | { type: 'finding'; finding: Finding }
  /** Live "who is talking" and talk share, for the overlay and tablet: on every change and once a second. */
  | { type: 'state'; atMs: number; state: TalkState };

export interface CallSummary {
  durationMs: number;
  talkMs: TalkState['talkMs'];
  agentShare: number | undefined;
  /** Double talk, split by who came in over whom. */
  overlaps: { agentIntoCustomer: number; customerIntoAgent: number };
  findings: number;
  /** Transcript utterances that end after the audio did (the call was stopped early, or the
   *  transcript belongs to a longer recording): never judged, so no finding claims a moment
   *  the call did not reach. */
  utterancesAfterEnd: number;
}
