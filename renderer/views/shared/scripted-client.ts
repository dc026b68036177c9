// A SessionClient driven by hand instead of by a server: tests (and designers) push events into
// a view and read back what the view asked for. Pages use it only when opened with `?scripted`,
// see open-client.ts. It validates what it is given with the protocol's schemas, so a test cannot
// push a payload the real client would refuse.
import type {
  SessionClient, SessionClientEvents, SessionEventName, SessionStatus, Unsubscribe, DeviceRole, AudioFrame,
} from '../../session-client/types.ts';
import { CallSummarySchema, LiveStateSchema, TipSchema } from './contracts.ts';

export interface ScriptedCall {
  method: string;
  args: unknown[];
}

type AnyListener = (payload: unknown) => void;

export class ScriptedClient implements SessionClient {
  status: SessionStatus = 'idle';
  role: DeviceRole | null = null;
  /** Every call a view made, in order (ack, dismiss, setCapture, pair, …). */
  readonly calls: ScriptedCall[] = [];
  /** Audio frames the capture page sent. */
  readonly frames: AudioFrame[] = [];
  private listeners = new Map<SessionEventName, Set<AnyListener>>();

  constructor(role: DeviceRole = 'viewer') {
    this.role = role;
  }

  on<K extends SessionEventName>(event: K, listener: (payload: SessionClientEvents[K]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const any = listener as AnyListener;
    set.add(any);
    return () => {
      set.delete(any);
    };
  }

  /** Pushes an event into the page as the real client would after decrypting it. */
  emit<K extends SessionEventName>(event: K, payload: SessionClientEvents[K]): void {
    const checked = check(event, payload);
    if (event === 'status') this.status = (checked as SessionClientEvents['status']).status;
    for (const listener of this.listeners.get(event) ?? []) listener(checked);
  }

  connect(): void { this.record('connect'); }
  pair(codeOrUrl: string): void { this.record('pair', codeOrUrl); }
  ack(tipId: string): void { this.record('ack', tipId); }
  dismiss(tipId: string): void { this.record('dismiss', tipId); }
  setCapture(capture: 'on' | 'paused'): void { this.record('setCapture', capture); }
  acceptDevice(deviceId: string): void { this.record('acceptDevice', deviceId); }
  refuseDevice(deviceId: string): void { this.record('refuseDevice', deviceId); }
  revokeDevice(deviceId: string): void { this.record('revokeDevice', deviceId); }
  sendAudioFrame(frame: AudioFrame): boolean {
    this.frames.push(frame);
    return true;
  }
  close(): void { this.record('close'); }
  forget(): void { this.record('forget'); }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }
}

function check<K extends SessionEventName>(event: K, payload: SessionClientEvents[K]): SessionClientEvents[K] {
  switch (event) {
    case 'tip': return TipSchema.parse(payload) as SessionClientEvents[K];
    case 'live': return LiveStateSchema.parse(payload) as SessionClientEvents[K];
    case 'call:end': return CallSummarySchema.parse(payload) as SessionClientEvents[K];
    default: return payload;
  }
}
