// The public face of the session client: what the views (tablet/phone, overlay, capture page)
// call and what they subscribe to. Framework-free on purpose: a zustand store subscribes with
// `client.on(...)` in plain module code and calls `setState`; no React in here.
// main/contracts is the one folder the renderer may import.
import type { AudioFrame, CallSummary, DeviceInfo, DeviceRole, LiveState, Tip, TipClearedBy } from '../../main/contracts/protocol.ts';
import type { PairingCodeTypo } from '../../main/contracts/sealed.ts';

export type { AudioFrame, CallSummary, DeviceInfo, DeviceRole, LiveState, PairingCodeTypo, Tip, TipClearedBy };

/**
 * Where the client is in its life:
 * - `idle`: created, not connected (or no credentials and no pairing code yet: show the code form);
 * - `connecting`: socket opening / handshake running;
 * - `awaiting-approval`: pairing request sent, the agent has to accept on the desktop;
 * - `connected`: authenticated; events flow;
 * - `reconnecting`: connection lost, retrying with back-off (tips missed meanwhile come after);
 * - `revoked`: the agent revoked this device; credentials are forgotten; pair again to continue;
 * - `refused`: the pairing request was refused, expired or replayed; `detail` says why;
 * - `closed`: `close()` was called.
 */
export type SessionStatus =
  | 'idle' | 'connecting' | 'awaiting-approval' | 'connected' | 'reconnecting' | 'revoked' | 'refused' | 'closed';

export interface StatusChange {
  status: SessionStatus;
  /** Human-readable reason for refused/revoked/reconnecting (English, for logs and tooltips). */
  detail?: string;
  /** With `awaiting-approval`: the six digits to compare with the desktop's before it accepts. */
  confirmCode?: string;
  /** With `refused` while pairing: why, for the view to say in its own words. */
  problem?: PairingProblem;
}

/**
 * Why pairing did not work:
 * - `mistyped`: the code is not one the desktop issued, or is not a code at all (`typo` says how);
 * - `expired` / `used`: ask for a new code;
 * - `refused` / `timeout`: the agent said no, or did not answer in time;
 * - `busy`: too many attempts from this device, wait a minute;
 * - `connection`: the connection dropped while pairing;
 * - `failed`: the desktop's answer did not fit the code (not the real desktop?).
 */
export type PairingProblem =
  | { kind: 'mistyped'; typo?: PairingCodeTypo }
  | { kind: 'expired' | 'used' | 'refused' | 'timeout' | 'busy' | 'connection' | 'failed' };

/** Events the client emits. Payloads are already validated and decrypted. */
export interface SessionClientEvents {
  status: StatusChange;
  /** A new tip to show (also replayed tips missed while disconnected, in order). */
  tip: Tip;
  /** A tip left the screen (acknowledged or dismissed on some device, expired, replaced): clear it everywhere. */
  'tip:cleared': { tipId: string; by: TipClearedBy };
  /** Who is talking, talk share, capture on/paused. Sent on change and right after (re)connect. */
  live: LiveState;
  'call:start': { callId: string };
  'call:end': CallSummary;
  /** Desktop role only: paired devices and pending pairing requests. */
  devices: DeviceInfo[];
}

export type SessionEventName = keyof SessionClientEvents;
export type Unsubscribe = () => void;

/** What the client remembers between page loads so a paired device reconnects by itself. */
export interface StoredCredentials {
  deviceId: string;
  /** 32-byte device key, base64url. */
  key: string;
  role: DeviceRole;
}

/** Minimal storage the client needs; `window.localStorage` fits, tests pass a Map-backed one. */
export interface CredentialStore {
  load(): StoredCredentials | null;
  save(credentials: StoredCredentials): void;
  clear(): void;
}

export interface SessionClientOptions {
  /** WebSocket URL; default: ws(s)://<location.host>/ws. */
  url?: string;
  /** Default: localStorage under the key "klachtcoach.device". */
  credentials?: CredentialStore;
  /** Name shown to the agent when this device asks to pair; default: derived from the user agent. */
  deviceName?: string;
  /** Injected for tests. */
  WebSocketImpl?: typeof WebSocket;
}

export interface SessionClient {
  readonly status: SessionStatus;
  /** The role once authenticated ('viewer' for a tablet/phone, 'desktop' for overlay/capture). */
  readonly role: DeviceRole | null;
  on<K extends SessionEventName>(event: K, listener: (payload: SessionClientEvents[K]) => void): Unsubscribe;
  /**
   * Connects. Reads the page's URL fragment first: `#pair=CODE` (from the QR code) starts pairing,
   * `#desktop=DEVICEID.KEY` (the overlay/capture link `klachtcoach serve` prints) stores desktop
   * credentials; the fragment is then removed from the address bar so the secret does not linger.
   * Otherwise it resumes with stored credentials; without any it stays `idle` (show the code form).
   */
  connect(): void;
  /**
   * Pairs with a pairing code: the typed form (`ABCDE-FGHIJ-…`) or the link from the QR code
   * (its `#pair=` fragment). Stored credentials are replaced once the agent accepts.
   */
  pair(codeOrUrl: string): void;
  /** "Begrepen". */
  ack(tipId: string): void;
  dismiss(tipId: string): void;
  /** Desktop role: pause or resume capture (stops the audio graph on the server side too). */
  setCapture(capture: 'on' | 'paused'): void;
  /** Desktop role: answer a pairing request, or revoke a paired device. */
  acceptDevice(deviceId: string): void;
  refuseDevice(deviceId: string): void;
  revokeDevice(deviceId: string): void;
  /** Desktop role (capture page): send one audio frame. False if not connected or the socket is backed up. */
  sendAudioFrame(frame: AudioFrame): boolean;
  /** Closes the socket for good (no reconnect). Credentials stay. */
  close(): void;
  /** Forgets this device's credentials (e.g. "unpair this tablet"). */
  forget(): void;
}

/** Reads the pairing code from a page URL fragment (`#pair=…`), or null if there is none. */
export type PairingCodeFromLocation = (hash: string) => string | null;
