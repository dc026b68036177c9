// The one protocol between the session server (main/session) and every page that talks to it:
// the tablet/phone view, the overlay, the capture page. Both ends parse with these schemas, so a
// message that one side can send is by construction one the other side accepts.
//
// Wire format
// - Text frames carry one JSON object with a `type` named `domain:action`.
// - Binary frames carry audio from the capture page only (see AUDIO_FRAME below).
// - After authentication, everything the server says to a device travels inside `sealed:event`:
//   XChaCha20-Poly1305 (main/contracts/sealed.ts) with that device's key, so a passive listener on
//   the LAN sees only sizes and timing. The inner plaintext is a `DeviceEvent`.
//
// Handshake (the server speaks first)
//   server → `session:hello` {challenge}
//   new device → `pair:request` {token, deviceName, publicKey, proof}   (token + proof key from the pairing code)
//   server → `pair:pending` {deviceId, publicKey} … both sides derive the device key and a
//            six-digit confirmation code from the X25519 exchange (pairing-exchange.ts); the agent
//            compares the codes and accepts on the desktop … → `pair:accepted` | `pair:refused`
//   known device → `auth:resume` {deviceId, proof, lastSeq} → `auth:ok` (+ missed tips) | `auth:refused`
// `proof` is the challenge sealed with a key (the code's while pairing, the device key when
// resuming): it shows the key without sending it. A socket that has not authenticated receives
// nothing but these handshake replies.
import { z } from 'zod';
import { BehaviourId } from './behaviours.ts';
import { FindingKind, Severity } from './finding.ts';
import { TurnSegments } from './turn-segments.ts';

/** 2: pairing runs an X25519 exchange; the device key no longer comes from the code alone. */
export const PROTOCOL_VERSION = 2;

/** Path of the WebSocket endpoint on the session server. */
export const WS_PATH = '/ws';

/** Largest frame either side may send (bytes). ws closes the socket with 1009 above this. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/** A new socket must authenticate (pair or resume) within this time or is closed. */
export const AUTH_DEADLINE_MS = 5_000;

/** The client sends `session:ping` this often; the server answers `session:pong`. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Either side treats a peer silent for this long as gone (client reconnects, server terminates). */
export const HEARTBEAT_TIMEOUT_MS = 25_000;

/** WebSocket close codes the server uses, so the client can tell a revoke from a network drop. */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  /** Bad message: malformed JSON, unknown type, schema mismatch, wrong role. */
  policy: 1008,
  tooBig: 1009,
  /** Too many messages per second. */
  rateLimited: 4029,
  /** No authentication within AUTH_DEADLINE_MS, or the proof was wrong. */
  unauthenticated: 4001,
  /** The agent revoked this device: the client must forget its credentials and not reconnect. */
  revoked: 4003,
  /** The agent refused the pairing request. */
  refused: 4004,
  heartbeatTimeout: 4008,
} as const;

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');
/** An X25519 public key (32 bytes, base64url). */
const ExchangePublicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'X25519 public key');
/** The six digits both screens show during pairing. */
export const ConfirmCode = z.string().regex(/^\d{3} \d{3}$/, 'six digits as "123 456"');

/**
 * Why a pairing request was refused, so the tablet can say it in its own words: a code nobody
 * issued (typically mistyped), expired, already used, a proof or key that does not fit, the agent
 * said no, or did not answer in time.
 */
export const PairRefusal = z.enum(['unknown', 'expired', 'used', 'proof', 'refused', 'timeout']);
export type PairRefusal = z.infer<typeof PairRefusal>;
const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'device id');
const TipId = z.string().min(1).max(200);

// ---------------------------------------------------------------------------------------------
// Payloads carried inside sealed events (what the views actually see)
// ---------------------------------------------------------------------------------------------

/**
 * A tip as shown on the overlay and the paired device. It is a Finding stripped of the agent's
 * words (no span, no utterance): the tablet gets tips, not transcripts (DESIGN.md, Privacy).
 */
export const Tip = z.object({
  id: TipId,
  kind: FindingKind,
  behaviour: BehaviourId,
  ruleId: z.string().min(1).max(200),
  /** When the finding was decided, ms since the start of the call. */
  atMs: z.number().nonnegative(),
  /** Short Dutch tip: for a flag the helpful alternative, for praise what went well. */
  tip: z.string().min(1).max(500),
  severity: Severity,
  source: z.enum(['text', 'timing']),
});
export type Tip = z.infer<typeof Tip>;

export const CaptureState = z.enum(['on', 'paused', 'off']);
export type CaptureState = z.infer<typeof CaptureState>;

/** The live picture of the call: plain speaking facts, never an emotion. */
export const LiveState = z.object({
  callId: z.string().max(64).nullable(),
  /** ms since the start of the call (0 when no call). */
  callMs: z.number().nonnegative(),
  capture: CaptureState,
  speaking: z.object({ agent: z.boolean(), customer: z.boolean() }),
  /** Agent's share of all speech so far, 0..1; null before anyone spoke. */
  agentTalkShare: z.number().min(0).max(1).nullable(),
});
export type LiveState = z.infer<typeof LiveState>;

export const DeviceRole = z.enum(['viewer', 'desktop']);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** A device as listed on the desktop (paired, or waiting for the agent's answer). */
export const DeviceInfo = z.object({
  deviceId: DeviceId,
  name: z.string().max(80),
  role: DeviceRole,
  status: z.enum(['pending', 'paired']),
  pairedAt: z.number().nullable(),
  connected: z.boolean(),
  /** While pending: the code the device shows; the agent accepts only when both match. */
  confirmCode: ConfirmCode.optional(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** Figures for the agent's personal summary right after the call. */
/**
 * One behaviour seen in a call, counted over every finding, also those the coach kept off the
 * screen (praise is shown sparingly, tips wait out cooldowns): the after-call summary is where
 * the agent hears all of it. Behaviour ids and tip texts only, never the words said.
 */
export const ObservedBehaviour = z.object({
  kind: FindingKind,
  behaviour: BehaviourId,
  count: z.number().int().positive(),
  /** The highest severity it had in this call. */
  severity: Severity,
  /** The tip text and time of its latest finding. */
  tip: z.string().min(1).max(500),
  atMs: z.number().nonnegative(),
});
export type ObservedBehaviour = z.infer<typeof ObservedBehaviour>;

export const CallSummary = z.object({
  callId: z.string().max(64),
  durationMs: z.number().nonnegative(),
  agentTalkShare: z.number().min(0).max(1).nullable(),
  tips: z.array(Tip).max(500),
  /** Every finding of the call per behaviour; absent from a server that predates it. */
  observed: z.array(ObservedBehaviour).max(64).optional(),
  /** Who spoke when (timing only), for the summary's bars; absent from a server that predates it. */
  turns: TurnSegments.optional(),
});
export type CallSummary = z.infer<typeof CallSummary>;

/** What the server tells a device, always sealed. `seq` orders them and drives missed-tip replay. */
export const DeviceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tip:show'), tip: Tip }),
  /** A tip was acknowledged or dismissed (on any device): views clear it. */
  z.object({ type: z.literal('tip:cleared'), tipId: TipId, by: z.enum(['ack', 'dismiss']) }),
  z.object({ type: z.literal('live:state'), state: LiveState }),
  z.object({ type: z.literal('call:start'), callId: z.string().max(64) }),
  z.object({ type: z.literal('call:end'), summary: CallSummary }),
  /** Desktop role only: paired and pending devices, sent whenever the list changes. */
  z.object({ type: z.literal('devices:list'), devices: z.array(DeviceInfo).max(64) }),
]);
export type DeviceEvent = z.infer<typeof DeviceEvent>;
export type DeviceEventType = DeviceEvent['type'];

// ---------------------------------------------------------------------------------------------
// Server → client frames
// ---------------------------------------------------------------------------------------------

export const ServerMessage = z.discriminatedUnion('type', [
  /** First frame on every socket. `challenge` is 24 random bytes, base64url. */
  z.object({
    type: z.literal('session:hello'),
    v: z.literal(PROTOCOL_VERSION),
    challenge: Base64Url,
    /** Changes when the server restarts: event seqs restart too, so a client resets its lastSeq. */
    epoch: Base64Url,
  }),
  /** The desktop's half of the exchange: the device now derives the key and the confirmation code. */
  z.object({ type: z.literal('pair:pending'), deviceId: DeviceId, publicKey: ExchangePublicKey }),
  z.object({ type: z.literal('pair:accepted'), deviceId: DeviceId, role: DeviceRole }),
  z.object({ type: z.literal('pair:refused'), reason: z.string().max(200), code: PairRefusal }),
  z.object({ type: z.literal('auth:ok'), deviceId: DeviceId, role: DeviceRole }),
  z.object({ type: z.literal('auth:refused'), reason: z.string().max(200) }),
  /** A DeviceEvent sealed with the device key; `box` is nonce‖ciphertext, base64url. */
  z.object({ type: z.literal('sealed:event'), seq: z.number().int().nonnegative(), box: Base64Url }),
  z.object({ type: z.literal('session:pong'), t: z.number() }),
  /** A refused message that did not end the connection (e.g. an ack for an unknown tip). */
  z.object({ type: z.literal('session:error'), code: z.string().max(40), message: z.string().max(300) }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

// ---------------------------------------------------------------------------------------------
// Client → server frames
// ---------------------------------------------------------------------------------------------

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pair:request'),
    /** Derived from the pairing code (pairingTokenFromCode); one use only, expires. */
    token: Base64Url.max(64),
    deviceName: z.string().min(1).max(80),
    /** The device's half of the X25519 exchange, fresh for this pairing. */
    publicKey: ExchangePublicKey,
    /** The server's challenge sealed with the key derived from the pairing code (AAD: pairProofAad). */
    proof: Base64Url.max(256),
  }),
  z.object({
    type: z.literal('auth:resume'),
    deviceId: DeviceId,
    proof: Base64Url.max(256),
    /** Highest sealed-event seq the device has seen; the server resends missed tips after it. */
    lastSeq: z.number().int().min(-1),
  }),
  z.object({ type: z.literal('session:ping'), t: z.number() }),
  /** "Begrepen": the agent saw the tip. */
  z.object({ type: z.literal('tip:ack'), tipId: TipId }),
  /** Dismiss without acknowledging (e.g. not relevant now). */
  z.object({ type: z.literal('tip:dismiss'), tipId: TipId }),
  // Desktop role only (the overlay and the settings/devices panel on the agent's own machine):
  z.object({ type: z.literal('capture:set'), capture: z.enum(['on', 'paused']) }),
  z.object({ type: z.literal('device:accept'), deviceId: DeviceId }),
  z.object({ type: z.literal('device:refuse'), deviceId: DeviceId }),
  z.object({ type: z.literal('device:revoke'), deviceId: DeviceId }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];

/** Messages a viewer (tablet/phone) may send once authenticated: receive-only apart from these. */
export const VIEWER_MESSAGES: ReadonlySet<ClientMessageType> = new Set(['session:ping', 'tip:ack', 'tip:dismiss']);
/** Messages the desktop role may send once authenticated. */
export const DESKTOP_MESSAGES: ReadonlySet<ClientMessageType> = new Set([
  'session:ping', 'tip:ack', 'tip:dismiss', 'capture:set', 'device:accept', 'device:refuse', 'device:revoke',
]);

/** Additional authenticated data for a sealed frame: binds it to direction, device and position. */
export function sealedEventAad(deviceId: string, seq: number): string {
  return `klachtcoach/v${PROTOCOL_VERSION}/event/${deviceId}/${seq}`;
}
/** AAD for the handshake proof, so a proof can never be replayed as an event or vice versa. */
export function proofAad(purpose: 'pair' | 'resume', deviceIdOrToken: string): string {
  return `klachtcoach/v${PROTOCOL_VERSION}/proof/${purpose}/${deviceIdOrToken}`;
}
/** AAD for the pairing proof: binds it to the device's public key, which cannot be swapped underneath it. */
export function pairProofAad(token: string, publicKey: string): string {
  return proofAad('pair', `${token}/${publicKey}`);
}

// ---------------------------------------------------------------------------------------------
// Binary audio frames (capture page → server, desktop role only)
// ---------------------------------------------------------------------------------------------
//
// Little-endian, 16-byte header then the samples:
//   0  u8   version (AUDIO_FRAME.version)
//   1  u8   channel: 0 = agent microphone, 1 = customer (loopback)
//   2  u16  sample count (AUDIO_FRAME.samples = 512 = 32 ms at 16 kHz)
//   4  u32  frame sequence number per channel (wraps)
//   8  f64  capture time of the first sample, ms since capture start
//  16  f32 × count  samples in [-1, 1]
export const AUDIO_FRAME = {
  version: 1,
  headerBytes: 16,
  sampleRateHz: 16_000,
  samples: 512,
  bytes: 16 + 512 * 4,
} as const;

export type AudioChannel = 'agent' | 'customer';

export interface AudioFrame {
  channel: AudioChannel;
  seq: number;
  startMs: number;
  samples: Float32Array;
}

export function encodeAudioFrame(frame: AudioFrame): ArrayBuffer {
  if (frame.samples.length > 0xffff) throw new RangeError(`audio frame: ${frame.samples.length} samples, at most 65535`);
  const buf = new ArrayBuffer(AUDIO_FRAME.headerBytes + frame.samples.length * 4);
  const view = new DataView(buf);
  view.setUint8(0, AUDIO_FRAME.version);
  view.setUint8(1, frame.channel === 'agent' ? 0 : 1);
  view.setUint16(2, frame.samples.length, true);
  view.setUint32(4, frame.seq >>> 0, true);
  view.setFloat64(8, frame.startMs, true);
  for (let i = 0; i < frame.samples.length; i++) view.setFloat32(AUDIO_FRAME.headerBytes + i * 4, frame.samples[i]!, true);
  return buf;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a binary frame; every way it can be wrong is named, nothing throws. */
export function decodeAudioFrame(data: ArrayBuffer | Uint8Array): DecodeResult<AudioFrame> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength < AUDIO_FRAME.headerBytes) {
    return { ok: false, error: `audio frame: ${bytes.byteLength} bytes, shorter than the ${AUDIO_FRAME.headerBytes}-byte header` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== AUDIO_FRAME.version) return { ok: false, error: `audio frame: version ${version}, expected ${AUDIO_FRAME.version}` };
  const channelByte = view.getUint8(1);
  if (channelByte > 1) return { ok: false, error: `audio frame: channel ${channelByte}, expected 0 (agent) or 1 (customer)` };
  const count = view.getUint16(2, true);
  const expected = AUDIO_FRAME.headerBytes + count * 4;
  if (bytes.byteLength !== expected) {
    return { ok: false, error: `audio frame: ${bytes.byteLength} bytes, header says ${count} samples (${expected} bytes)` };
  }
  const startMs = view.getFloat64(8, true);
  if (!Number.isFinite(startMs) || startMs < 0) return { ok: false, error: `audio frame: start time ${startMs} is not a time` };
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const s = view.getFloat32(AUDIO_FRAME.headerBytes + i * 4, true);
    if (!Number.isFinite(s)) return { ok: false, error: `audio frame: sample ${i} is ${s}` };
    samples[i] = s;
  }
  return { ok: true, value: { channel: channelByte === 0 ? 'agent' : 'customer', seq: view.getUint32(4, true), startMs, samples } };
}

/** Parses a text frame from a client: JSON, then schema. Never throws. */
export function parseClientMessage(text: string): DecodeResult<ClientMessage> {
  return parseJson(text, ClientMessage);
}

/** Parses a text frame from the server: JSON, then schema. Never throws. */
export function parseServerMessage(text: string): DecodeResult<ServerMessage> {
  return parseJson(text, ServerMessage);
}

function parseJson<T>(text: string, schema: z.ZodType<T>): DecodeResult<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'message';
    return { ok: false, error: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
