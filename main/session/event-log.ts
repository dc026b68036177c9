// The recent events of this session, numbered, so a device that reconnects gets what it missed
// (tips shown and cleared while it was away). Bounded: a 30-minute call must not grow memory,
// and a tip older than the window is no use to glance at anyway.
import type { DeviceEvent } from '../contracts/protocol.ts';

export interface LoggedEvent {
  seq: number;
  event: DeviceEvent;
}

export class EventLog {
  private readonly entries: LoggedEvent[] = [];
  private nextSeq = 0;

  constructor(private readonly capacity = 200) {}

  /** Numbers an event. Only replayable kinds are kept; live state is sent fresh on reconnect. */
  append(event: DeviceEvent): number {
    const seq = this.nextSeq++;
    // A new call starts a new history: a device that reconnects mid-call gets this call's tips only.
    if (event.type === 'call:start') this.entries.length = 0;
    if (event.type === 'tip:show' || event.type === 'tip:cleared' || event.type === 'call:start' || event.type === 'call:end') {
      this.entries.push({ seq, event });
      if (this.entries.length > this.capacity) this.entries.shift();
    }
    return seq;
  }

  /** Replayable events after `lastSeq`, oldest first. */
  since(lastSeq: number): LoggedEvent[] {
    return this.entries.filter((e) => e.seq > lastSeq);
  }

  get size(): number {
    return this.entries.length;
  }
}
