// The turn tracker's output: who spoke when, and how the two parties' speech met. All times are
// ms since the start of the call. `atMs` is when the event was decided, i.e. the end of the audio
// frame that settled it; start/end times may lie earlier (speech is only known to have ended
// once the hangover has passed).
export type Party = 'agent' | 'customer';

export const otherParty = (p: Party): Party => (p === 'agent' ? 'customer' : 'agent');

export interface TalkState {
  /** Live "who is talking" light. */
  talking: Record<Party, boolean>;
  /** Talk time so far, including open speech up to atMs. */
  talkMs: Record<Party, number>;
  /** agent / (agent + customer) talk time; undefined before anyone spoke. */
  agentShare: number | undefined;
}

export type TurnEvent =
  | { type: 'speech-start'; party: Party; startMs: number; atMs: number }
  | { type: 'speech-end'; party: Party; startMs: number; endMs: number; atMs: number }
  /**
   * Both parties spoke at once over [startMs, endMs]. `intruder` started while `holder` already
   * talked; `firstToStop` is who gave up first (the holder stopping marks an interruption, the
   * intruder stopping a backchannel or failed attempt).
   */
  | { type: 'overlap'; intruder: Party; holder: Party; firstToStop: Party; startMs: number; endMs: number; atMs: number }
  /** A change of speaker with silence in between: `from` stopped at startMs, `to` started at endMs. */
  | { type: 'gap'; from: Party; to: Party; startMs: number; endMs: number; atMs: number }
  /** Sent once per frame so rules that wait for time to pass (monologue, talk share) can decide. */
  | { type: 'tick'; atMs: number; state: TalkState };

export type TurnEventType = TurnEvent['type'];
