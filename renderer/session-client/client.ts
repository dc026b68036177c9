// The browser side of the session protocol: connect, pair, resume, decrypt, heartbeat, reconnect,
// ack. Framework-free; the views subscribe with `on()` and put what arrives in their stores.
// Everything from the server is parsed with the shared zod schemas before anything else sees it,
// and every sealed event must open with this device's key, or it is dropped.
import {
  CLOSE, DeviceEvent, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS, WS_PATH, encodeAudioFrame, pairProofAad, parseServerMessage,
  proofAad, sealedEventAad, type AudioFrame, type ClientMessage, type DeviceRole, type PairRefusal, type ServerMessage,
} from '../../main/contracts/protocol.ts';
import { newExchangeKeys, pairingSecrets, type ExchangeKeys } from '../../main/contracts/pairing-exchange.ts';
import {
  fromBase64Url, normalisePairingCode, open, pairingKeyFromCode, pairingTokenFromCode, seal, toBase64Url,
} from '../../main/contracts/sealed.ts';
import { storageCredentials } from './credentials.ts';
import { codeFromInput, deviceNameFromUserAgent, readFragment } from './fragment.ts';
import type {
  CredentialStore, PairingProblem, SessionClient, SessionClientEvents, SessionClientOptions, SessionEventName, SessionStatus, StatusChange,
  StoredCredentials, Unsubscribe,
} from './types.ts';

const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000];
/** Above this much unsent audio the capture page drops frames rather than fall further behind. */
const MAX_AUDIO_BUFFERED_BYTES = 256 * 1024;

type Listener = (payload: never) => void;

interface PairingAttempt {
  code: string;
  token: string;
  /** Proves the code to the server; not the device key. */
  proofKey: Uint8Array;
  /** This device's half of the X25519 exchange, for this attempt only. */
  exchange: ExchangeKeys;
  /** The device key from the exchange, once the desktop's half has arrived. */
  deviceKey: Uint8Array | null;
}

/** What a `pair:refused` code means for the person holding the tablet. */
const REFUSAL_PROBLEM: Record<PairRefusal, PairingProblem> = {
  unknown: { kind: 'mistyped' },
  expired: { kind: 'expired' },
  used: { kind: 'used' },
  proof: { kind: 'failed' },
  refused: { kind: 'refused' },
  timeout: { kind: 'timeout' },
};

class BrowserSessionClient implements SessionClient {
  status: SessionStatus = 'idle';
  role: DeviceRole | null = null;

  private readonly listeners = new Map<SessionEventName, Set<Listener>>();
  private readonly url: string;
  private readonly store: CredentialStore;
  private readonly deviceName: string;
  private readonly WS: typeof WebSocket;
  private ws: WebSocket | null = null;
  private pairing: PairingAttempt | null = null;
  private credentials: StoredCredentials | null = null;
  private key: Uint8Array | null = null;
  private lastSeq = -1;
  private epoch: string | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeardMs = 0;
  private closedForGood = false;

  constructor(options: SessionClientOptions) {
    const loc = globalThis.location as Location | undefined;
    this.url = options.url ?? `${loc?.protocol === 'https:' ? 'wss' : 'ws'}://${loc?.host ?? '127.0.0.1'}${WS_PATH}`;
    this.store = options.credentials ?? storageCredentials();
    this.deviceName = options.deviceName ?? deviceNameFromUserAgent(globalThis.navigator?.userAgent ?? '');
    this.WS = options.WebSocketImpl ?? globalThis.WebSocket;
  }

  on<K extends SessionEventName>(event: K, listener: (payload: SessionClientEvents[K]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  connect(): void {
    this.closedForGood = false;
    const loc = globalThis.location as Location | undefined;
    const secret = loc ? readFragment(loc.hash) : null;
    if (secret && loc) {
      // Take the secret out of the address bar (and history) before anything else happens.
      globalThis.history?.replaceState(null, '', loc.pathname + loc.search);
    }
    if (secret?.kind === 'pair') return this.pair(secret.code);
    if (secret?.kind === 'desktop') this.store.save({ deviceId: secret.deviceId, key: secret.key, role: 'desktop' });
    const stored = this.store.load();
    const key = stored ? fromBase64Url(stored.key) : null;
    if (!stored || !key || key.length !== 32) {
      this.setStatus('idle');
      return;
    }
    this.credentials = stored;
    this.key = key;
    this.open();
  }

  pair(codeOrUrl: string): void {
    this.closedForGood = false;
    const normal = normalisePairingCode(codeFromInput(codeOrUrl));
    if (!normal.ok) {
      this.setStatus('refused', normal.error, { problem: { kind: 'mistyped', typo: normal.typo } });
      return;
    }
    this.pairing = {
      code: normal.code, token: pairingTokenFromCode(normal.code), proofKey: pairingKeyFromCode(normal.code), exchange: newExchangeKeys(), deviceKey: null,
    };
    this.credentials = null;
    this.key = null;
    this.lastSeq = -1;
    this.open();
  }

  ack(tipId: string): void {
    this.send({ type: 'tip:ack', tipId });
  }

  dismiss(tipId: string): void {
    this.send({ type: 'tip:dismiss', tipId });
  }

  setCapture(capture: 'on' | 'paused'): void {
    this.send({ type: 'capture:set', capture });
  }

  acceptDevice(deviceId: string): void {
    this.send({ type: 'device:accept', deviceId });
  }

  refuseDevice(deviceId: string): void {
    this.send({ type: 'device:refuse', deviceId });
  }

  revokeDevice(deviceId: string): void {
    this.send({ type: 'device:revoke', deviceId });
  }

  sendAudioFrame(frame: AudioFrame): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN || this.status !== 'connected' || this.role !== 'desktop') return false;
    if (ws.bufferedAmount > MAX_AUDIO_BUFFERED_BYTES) return false;
    ws.send(encodeAudioFrame(frame));
    return true;
  }

  close(): void {
    this.closedForGood = true;
    this.teardown();
    this.setStatus('closed');
  }

  forget(): void {
    this.store.clear();
    this.credentials = null;
    this.key = null;
    this.close();
  }

  // ---- connection ---------------------------------------------------------------------------

  private open(): void {
    this.teardown();
    this.setStatus(this.attempt > 0 ? 'reconnecting' : 'connecting');
    const ws = new this.WS(this.url);
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', (ev: MessageEvent) => {
      if (this.ws !== ws) return;
      this.lastHeardMs = Date.now();
      if (typeof ev.data !== 'string') return; // the server sends text only
      const parsed = parseServerMessage(ev.data);
      if (!parsed.ok) {
        console.warn(`session: ignored a malformed server message (${parsed.error})`);
        return;
      }
      this.onServerMessage(parsed.value);
    });
    ws.addEventListener('close', (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.onClose(ev.code, ev.reason);
    });
    this.lastHeardMs = Date.now();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), HEARTBEAT_INTERVAL_MS);
  }

  private heartbeat(): void {
    const ws = this.ws;
    if (!ws) return;
    if (Date.now() - this.lastHeardMs > HEARTBEAT_TIMEOUT_MS) {
      // The network went quiet without a close (Wi-Fi dropped, laptop slept): start over.
      this.ws = null;
      ws.close();
      this.onClose(CLOSE.heartbeatTimeout, 'no heartbeat');
      return;
    }
    this.send({ type: 'session:ping', t: Date.now() });
  }

  private onServerMessage(msg: ServerMessage): void {
    switch (msg.type) {
      case 'session:hello':
        if (this.epoch !== null && this.epoch !== msg.epoch) this.lastSeq = -1; // server restarted
        this.epoch = msg.epoch;
        if (this.pairing) {
          const { token, proofKey, exchange } = this.pairing;
          const proof = seal(proofKey, msg.challenge, pairProofAad(token, exchange.publicKey));
          this.send({ type: 'pair:request', token, deviceName: this.deviceName, publicKey: exchange.publicKey, proof });
        } else if (this.credentials && this.key) {
          const { deviceId } = this.credentials;
          this.send({ type: 'auth:resume', deviceId, lastSeq: this.lastSeq, proof: seal(this.key, msg.challenge, proofAad('resume', deviceId)) });
        }
        return;
      case 'pair:pending': {
        const attempt = this.pairing;
        if (!attempt) return;
        const secrets = pairingSecrets({
          code: attempt.code, token: attempt.token, devicePublicKey: attempt.exchange.publicKey, desktopPublicKey: msg.publicKey,
          ownSecretKey: attempt.exchange.secretKey, peerPublicKey: msg.publicKey,
        });
        if (!secrets) {
          this.pairing = null;
          this.closedForGood = true;
          this.setStatus('refused', 'the desktop sent an unusable key', { problem: { kind: 'failed' } });
          this.teardown();
          return;
        }
        attempt.deviceKey = secrets.key;
        this.setStatus('awaiting-approval', undefined, { confirmCode: secrets.confirmCode });
        return;
      }
      case 'pair:accepted':
      case 'auth:ok': {
        if (msg.type === 'pair:accepted' && this.pairing?.deviceKey) {
          this.credentials = { deviceId: msg.deviceId, key: toBase64Url(this.pairing.deviceKey), role: msg.role };
          this.key = this.pairing.deviceKey;
          this.store.save(this.credentials);
          this.pairing = null;
        }
        this.role = msg.role;
        this.attempt = 0;
        this.setStatus('connected');
        return;
      }
      case 'pair:refused':
        this.pairing = null;
        this.closedForGood = true;
        this.setStatus('refused', msg.reason, { problem: REFUSAL_PROBLEM[msg.code] });
        return;
      case 'auth:refused':
        this.closedForGood = true;
        this.setStatus('refused', msg.reason);
        return;
      case 'sealed:event':
        this.onSealed(msg.seq, msg.box);
        return;
      case 'session:pong':
        return;
      case 'session:error':
        console.warn(`session: server refused a message: ${msg.code}: ${msg.message}`);
        return;
    }
  }

  private onSealed(seq: number, box: string): void {
    if (!this.key || !this.credentials) return;
    if (seq <= this.lastSeq) return; // already seen (a replay after reconnect overlapping live events)
    const plain = open(this.key, box, sealedEventAad(this.credentials.deviceId, seq));
    if (plain === null) {
      console.warn(`session: event ${seq} did not authenticate; dropped`);
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(plain);
    } catch {
      return;
    }
    const parsed = DeviceEvent.safeParse(raw);
    if (!parsed.success) {
      console.warn(`session: event ${seq} has an unknown shape; dropped`);
      return;
    }
    this.lastSeq = seq;
    const event = parsed.data;
    switch (event.type) {
      case 'tip:show': return this.emit('tip', event.tip);
      case 'tip:cleared': return this.emit('tip:cleared', { tipId: event.tipId, by: event.by });
      case 'live:state': return this.emit('live', event.state);
      case 'call:start': return this.emit('call:start', { callId: event.callId });
      case 'call:end': return this.emit('call:end', event.summary);
      case 'devices:list': return this.emit('devices', event.devices);
    }
  }

  private onClose(code: number, reason: string): void {
    this.teardown();
    if (code === CLOSE.revoked) {
      this.store.clear();
      this.credentials = null;
      this.key = null;
      this.role = null;
      this.setStatus('revoked', reason || 'this device was revoked');
      return;
    }
    if (this.pairing && code === CLOSE.rateLimited) {
      this.pairing = null;
      this.setStatus('refused', reason || 'too many pairing attempts', { problem: { kind: 'busy' } });
      return;
    }
    if (this.closedForGood || code === CLOSE.refused || code === CLOSE.unauthenticated) {
      if (this.status !== 'refused') this.setStatus('refused', reason || 'the server refused this device');
      return;
    }
    if (this.pairing) {
      // The pairing code is used up once sent; a dropped socket cannot continue the request.
      this.pairing = null;
      this.setStatus('refused', 'connection lost while pairing: ask for a new code', { problem: { kind: 'connection' } });
      return;
    }
    if (!this.credentials) {
      this.setStatus('idle');
      return;
    }
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]! * (0.75 + Math.random() * 0.5);
    this.attempt++;
    this.setStatus('reconnecting', reason || `connection closed (${code})`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  private teardown(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.heartbeatTimer = null;
    this.reconnectTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= ws.OPEN) ws.close(CLOSE.normal);
  }

  private send(msg: ClientMessage): void {
    const ws = this.ws;
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  private setStatus(status: SessionStatus, detail?: string, extra: Pick<StatusChange, 'confirmCode' | 'problem'> = {}): void {
    this.status = status;
    this.emit('status', { status, ...(detail === undefined ? {} : { detail }), ...extra });
  }

  private emit<K extends SessionEventName>(event: K, payload: SessionClientEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (p: SessionClientEvents[K]) => void)(payload);
      } catch (err) {
        console.error(`session: a ${event} listener failed`, err);
      }
    }
  }
}

export function createSessionClient(options: SessionClientOptions = {}): SessionClient {
  return new BrowserSessionClient(options);
}
