// Joins the two channels' speech segments into turns: who is talking now, their running talk
// time and share, where the parties overlapped and who gave way, and the gaps at speaker changes.
// Speech ends are only known after the VAD hangover, so an end can arrive after the other party's
// start although it happened before it; every relation below is therefore computed from the
// segments' own start/end times, never from the order in which the events arrived.
import type { SegmentEvent } from '../vad/speech-segmenter.ts';
import { otherParty, type Party, type TalkState, type TurnEvent } from './turn-events.ts';

interface Segment {
  id: number;
  party: Party;
  startMs: number;
  endMs?: number;
}

/** Closed segments kept per party for late overlap/gap decisions; older ones can no longer matter. */
const KEEP_CLOSED = 4;

export interface TurnTrackerOptions {
  /**
   * Whether `party` still made a sound after `afterMs`. When one party's end is decided while the
   * other's segment is still open, the other may in fact have stopped first and only be waiting
   * out its own VAD hangover; then who stopped first is settled when that segment ends. Without
   * audio (timed fixtures) an open segment counts as still speaking.
   */
  stillSpeaking?: (party: Party, afterMs: number) => boolean;
}

export class TurnTracker {
  private nextId = 1;
  private readonly open: Record<Party, Segment | undefined> = { agent: undefined, customer: undefined };
  private readonly closed: Record<Party, Segment[]> = { agent: [], customer: [] };
  private readonly closedTalkMs: Record<Party, number> = { agent: 0, customer: 0 };
  /** Pairs "agentId:customerId" already reported as overlapping. */
  private readonly reportedOverlaps = new Set<string>();
  /** Segment ids whose arrival was already reported as a gap. */
  private readonly reportedGaps = new Set<number>();
  private lastAtMs = 0;
  private readonly stillSpeaking: (party: Party, afterMs: number) => boolean;

  constructor(options: TurnTrackerOptions = {}) {
    this.stillSpeaking = options.stillSpeaking ?? (() => true);
  }

  /** Feeds one channel's segment event; returns the turn events it settles. */
  apply(party: Party, event: SegmentEvent): TurnEvent[] {
    this.lastAtMs = Math.max(this.lastAtMs, event.atMs);
    return event.type === 'speech-start' ? this.start(party, event.startMs, event.atMs) : this.end(party, event.endMs, event.atMs);
  }

  /** The live state at atMs (end of the latest frame). */
  state(atMs = this.lastAtMs): TalkState {
    const talkMs = { agent: this.talkMsOf('agent', atMs), customer: this.talkMsOf('customer', atMs) };
    const total = talkMs.agent + talkMs.customer;
    return {
      talking: { agent: this.open.agent !== undefined, customer: this.open.customer !== undefined },
      talkMs,
      agentShare: total > 0 ? talkMs.agent / total : undefined,
    };
  }

  tick(atMs: number): TurnEvent {
    this.lastAtMs = Math.max(this.lastAtMs, atMs);
    return { type: 'tick', atMs, state: this.state(atMs) };
  }

  private talkMsOf(party: Party, atMs: number): number {
    const open = this.open[party];
    return this.closedTalkMs[party] + (open ? Math.max(0, atMs - open.startMs) : 0);
  }

  private start(party: Party, startMs: number, atMs: number): TurnEvent[] {
    const segment: Segment = { id: this.nextId++, party, startMs };
    this.open[party] = segment;
    const out: TurnEvent[] = [{ type: 'speech-start', party, startMs, atMs }];
    const other = otherParty(party);
    if (this.open[other]) return out; // settled when one of the two ends
    const lastOther = this.closed[other].at(-1);
    if (!lastOther || lastOther.endMs === undefined) return out;
    if (lastOther.endMs > startMs) {
      // The other party's end was confirmed first, but it stopped after we started: we came in
      // over them and they gave way.
      out.push(...this.overlap(segment, lastOther, other, atMs));
    } else if (this.changesSpeaker(party, lastOther)) {
      out.push(this.gap(lastOther, segment, atMs));
    }
    return out;
  }

  private end(party: Party, endMs: number, atMs: number): TurnEvent[] {
    const segment = this.open[party];
    if (!segment) return [];
    segment.endMs = endMs;
    this.open[party] = undefined;
    this.closed[party].push(segment);
    if (this.closed[party].length > KEEP_CLOSED) this.closed[party].shift();
    this.closedTalkMs[party] += endMs - segment.startMs;
    const out: TurnEvent[] = [{ type: 'speech-end', party, startMs: segment.startMs, endMs, atMs }];
    const other = otherParty(party);
    const otherOpen = this.open[other];
    if (otherOpen) {
      if (otherOpen.startMs < endMs) {
        // Settled now only if the other party is heard after this end; else when it ends (below).
        if (this.stillSpeaking(other, endMs)) out.push(...this.overlap(segment, otherOpen, party, atMs));
      } else if (!this.reportedGaps.has(otherOpen.id)) {
        out.push(this.gap(segment, otherOpen, atMs));
      }
    }
    // Safety net: an overlap with an already closed segment of the other party that no earlier
    // event could settle (both ends confirmed before the relation was known).
    for (const previous of this.closed[other]) {
      if (previous.endMs !== undefined && previous.endMs > segment.startMs && previous.startMs < endMs) {
        const firstToStop = previous.endMs <= endMs ? other : party;
        out.push(...this.overlap(segment, previous, firstToStop, atMs));
      }
    }
    return out;
  }

  /** True when `party` starting now is a change of speaker after `lastOther`, not a resumption. */
  private changesSpeaker(party: Party, lastOther: Segment): boolean {
    const own = this.closed[party].at(-1);
    return !own || own.endMs === undefined || own.endMs <= lastOther.endMs!;
  }

  private overlap(a: Segment, b: Segment, firstToStop: Party, atMs: number): TurnEvent[] {
    const key = a.party === 'agent' ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
    if (this.reportedOverlaps.has(key)) return [];
    this.reportedOverlaps.add(key);
    const [holder, intruder] = a.startMs <= b.startMs ? [a, b] : [b, a];
    const endMs = Math.min(a.endMs ?? Infinity, b.endMs ?? Infinity);
    return [{
      type: 'overlap', intruder: intruder.party, holder: holder.party, firstToStop,
      startMs: intruder.startMs, endMs, atMs,
    }];
  }

  private gap(from: Segment, to: Segment, atMs: number): TurnEvent {
    this.reportedGaps.add(to.id);
    return { type: 'gap', from: from.party, to: to.party, startMs: from.endMs!, endMs: to.startMs, atMs };
  }
}
