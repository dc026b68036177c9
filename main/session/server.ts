// The session server: serves the views over HTTP and speaks the session protocol
// (main/contracts/protocol.ts) over one WebSocket endpoint. It knows nothing about audio or rules:
// the host (serve, demo, the Electron app) pushes tips and live state in, and listens for acks,
// capture pause and audio frames coming out.
//
// Every socket goes through the same gate, in this order: Host and Origin on the upgrade, socket
// caps, payload size (ws maxPayload), message rate, JSON + schema, role allowlist. A socket that has
// not proved a device key in time (AUTH_DEADLINE_MS on this machine, a shorter handshake deadline
// from the network) is closed and in the meantime receives nothing but the handshake replies.
// This machine's pages have socket slots of their own, and pairing attempts and failed resumes
// are limited in separate buckets, so neither the network nor a stray local process can lock the
// overlay out. Everything sent to a device is sealed with that device's key.
//
// The supervisor review screens can be mounted under /review/ (`review` option), so the process
// that records calls is also the one that serves them: the call store wants one writer. They pass
// the same Host check as every page, then the review handler's own sign-in, cookie session and
// CSRF/Origin rules. Device keys (tablet or desktop) open nothing there: they only ever authenticate
// a WebSocket. By default only this machine reaches them; `lanAccess` opens them to the network.
//
// A small JSON API for the desktop's own pages can be mounted too (`desktopApi`, e.g. the agent's
// "Mijn momenten"): only from this machine and only with a desktop key in the Authorization
// header (`Desktop ID.KEY`); a paired tablet's key is refused. No cookie, so no CSRF to guard.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import {
  AUTH_DEADLINE_MS, CLOSE, DESKTOP_MESSAGES, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS, MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION, VIEWER_MESSAGES, WS_PATH, decodeAudioFrame, pairProofAad, parseClientMessage, proofAad, sealedEventAad,
  type AudioFrame, type CallSummary, type CaptureState, type ClientMessage, type DeviceEvent, type DeviceInfo,
  type LiveState, type PairRefusal, type ServerMessage, type Tip, type TipClearedBy,
} from '../contracts/protocol.ts';
import { newExchangeKeys, pairingSecrets } from '../contracts/pairing-exchange.ts';
import { fromBase64Url, open, randomBytes, seal, toBase64Url } from '../contracts/sealed.ts';
import { AttemptLimiter } from '../pairing/attempt-limiter.ts';
import { DeviceRegistry, type Device } from '../pairing/devices.ts';
import { describeRefusal, PairingOffers, type PairingOffer } from '../pairing/offers.ts';
import { desktopUrl, pairingUrl } from '../pairing/link.ts';
import { Emitter } from './emitter.ts';
import { LanListener } from './lan-listener.ts';
import { EventLog } from './event-log.ts';
import { allowedHosts, hostAllowed, isLoopback, originAllowed, type AllowedHosts } from './request-guards.ts';
import { serveStatic } from './static-files.ts';
import { TokenBucket } from './token-bucket.ts';

export interface SessionServerOptions {
  /** Folder with the built views (dist/renderer). */
  staticDir: string;
  /** Address to listen on: 127.0.0.1 (this machine only), or 0.0.0.0 for every interface at all times. */
  bindHost?: string;
  /**
   * The LAN address tablets reach this machine by, on a listener of its own: open `always`, or
   * only `while-pairing` (a pairing code is open, or a tablet is paired or waiting for approval).
   */
  lan?: { host: string; when: 'always' | 'while-pairing' };
  /** 0 picks a free port. */
  port?: number;
  /** Extra names the server is reached by (e.g. the LAN IP); loopback names are always allowed. */
  hostNames?: string[];
  /** Paired-device list file; null keeps it in memory only. */
  devicesFile?: string | null;
  /** How long the agent has to accept a pairing request. */
  approvalTimeoutMs?: number;
  pairingTtlMs?: number;
  /** Text messages per second per socket, with a burst allowance. */
  messagesPerSecond?: number;
  messageBurst?: number;
  /** Audio frames per second per socket: two channels of 32 ms frames is ~63/s. */
  audioFramesPerSecond?: number;
  /** Sockets from other machines, in all; this machine's pages have their own slots. */
  maxSockets?: number;
  maxSocketsPerAddress?: number;
  /** Sockets from other machines that have not authenticated yet: few, and closed quickly. */
  maxUnauthenticated?: number;
  handshakeDeadlineMs?: number;
  /** Sockets from this machine (overlay, capture page, Mijn momenten): never taken by others. */
  maxLoopbackSockets?: number;
  /** Replayable events kept for reconnecting devices. */
  eventLogSize?: number;
  /** A socket whose unsent data exceeds this is dropped; it reconnects and gets the backlog. */
  maxBufferedBytes?: number;
  /** Supervisor review screens mounted under `basePath` (e.g. '/review'). */
  review?: MountedReview;
  /** A JSON API for desktop pages only (loopback + desktop key), mounted under `basePath`. */
  desktopApi?: { basePath: string; handler: MountedReview['handler'] };
  now?: () => number;
  log?: (line: string) => void;
}

export interface MountedReview {
  /** A node:http-style handler for everything under basePath (createReviewHandler). */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  basePath: string;
  /** Serve them to other machines too (plain HTTP: passwords cross the network unencrypted). */
  lanAccess: boolean;
}

export interface SessionServerEvents {
  /** A device proved a valid pairing code: ask the agent to accept or refuse it. */
  'pair:request': DeviceInfo;
  'devices': DeviceInfo[];
  'tip:ack': { tipId: string; deviceId: string };
  'tip:dismiss': { tipId: string; deviceId: string };
  'capture:set': { capture: 'on' | 'paused'; deviceId: string };
  'audio:frame': AudioFrame;
  /** A refused connection or message, for logs and tests: never contains secrets. */
  'refused': { address: string; reason: string };
  /** The LAN listener opened or closed (or could not open: `error`). */
  'lan': { open: boolean; host: string; error?: string };
}

interface Connection {
  ws: WebSocket;
  address: string;
  challenge: string;
  state: 'handshake' | 'pending' | 'authed' | 'closing';
  device: Device | null;
  textBucket: TokenBucket;
  audioBucket: TokenBucket;
  lastSeenMs: number;
  authTimer: NodeJS.Timeout | null;
  /** Came in through the LAN listener: dropped when it closes. */
  viaLan: boolean;
}

const NO_CALL_STATE: LiveState = { callId: null, callMs: 0, capture: 'off', speaking: { agent: false, customer: false }, agentTalkShare: null };

export class SessionServer extends Emitter<SessionServerEvents> {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly devices: DeviceRegistry;
  private readonly offers: PairingOffers;
  /** Pairing requests per address. */
  private readonly pairAttempts: AttemptLimiter;
  /** Failed resumes per address and device: a right key is never held up by someone else's wrong ones. */
  private readonly resumeFailures: AttemptLimiter;
  private readonly log: EventLog;
  private readonly now: () => number;
  private readonly opts: Required<Omit<SessionServerOptions, 'devicesFile' | 'now' | 'log' | 'hostNames' | 'review' | 'desktopApi' | 'lan'>> & { hostNames: string[] };
  private readonly lan: { listener: LanListener; when: 'always' | 'while-pairing' } | null;
  private lanTimer: NodeJS.Timeout | null = null;
  private readonly review: MountedReview | null;
  private readonly desktopApi: SessionServerOptions['desktopApi'] | null;
  private readonly logLine: (line: string) => void;
  private readonly approvalTimers = new Map<string, NodeJS.Timeout>();
  private readonly openTips = new Map<string, Tip>();
  private allowed: AllowedHosts = { names: new Set(), port: 0 };
  private heartbeat: NodeJS.Timeout | null = null;
  private live: LiveState = NO_CALL_STATE;
  private readonly epoch = toBase64Url(randomBytes(9));

  constructor(options: SessionServerOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.logLine = options.log ?? (() => {});
    this.opts = {
      staticDir: options.staticDir,
      bindHost: options.bindHost ?? '127.0.0.1',
      port: options.port ?? 0,
      hostNames: options.hostNames ?? [],
      approvalTimeoutMs: options.approvalTimeoutMs ?? 120_000,
      pairingTtlMs: options.pairingTtlMs ?? 120_000,
      messagesPerSecond: options.messagesPerSecond ?? 10,
      messageBurst: options.messageBurst ?? 30,
      audioFramesPerSecond: options.audioFramesPerSecond ?? 100,
      maxSockets: options.maxSockets ?? 16,
      maxSocketsPerAddress: options.maxSocketsPerAddress ?? 6,
      maxUnauthenticated: options.maxUnauthenticated ?? 4,
      handshakeDeadlineMs: options.handshakeDeadlineMs ?? 3_000,
      maxLoopbackSockets: options.maxLoopbackSockets ?? 16,
      eventLogSize: options.eventLogSize ?? 200,
      maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    };
    this.review = options.review ?? null;
    this.desktopApi = options.desktopApi ?? null;
    this.devices = new DeviceRegistry(options.devicesFile ?? null, this.now);
    this.offers = new PairingOffers(this.now, this.opts.pairingTtlMs);
    // Separate buckets: a flood of bad pairing codes must not lock the desktop's own pages out.
    this.pairAttempts = new AttemptLimiter(10, 60_000, this.now);
    this.resumeFailures = new AttemptLimiter(10, 60_000, this.now);
    this.log = new EventLog(this.opts.eventLogSize);
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      if (!hostAllowed(req.headers.host, this.allowed)) {
        this.refuse(req.socket.remoteAddress, `HTTP Host "${String(req.headers.host).slice(0, 60)}" is not this server`);
        res.writeHead(421, { 'Content-Type': 'text/plain' }).end('wrong host');
        return;
      }
      if (this.review && isUnder(req.url, this.review.basePath)) return this.serveReview(this.review, req, res);
      if (this.desktopApi && isUnder(req.url, this.desktopApi.basePath)) return this.serveDesktopApi(this.desktopApi, req, res);
      serveStatic(this.opts.staticDir, req, res);
    };
    this.http = createServer({ maxHeaderSize: 8 * 1024, requestTimeout: 10_000, headersTimeout: 10_000 }, onRequest);
    // ws checks the size before buffering; compression stays off (attack surface, memory).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: false });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head, false));
    this.lan = options.lan
      ? { when: options.lan.when, listener: new LanListener(options.lan.host, { request: onRequest, upgrade: (req, socket, head) => this.upgrade(req, socket, head, true) }) }
      : null;
  }

  /** Starts listening; resolves with the origin pages are served from (http://host:port). */
  async listen(): Promise<{ port: number; origin: string }> {
    await new Promise<void>((resolveListen, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port, this.opts.bindHost, () => resolveListen());
    });
    const address = this.http.address();
    const port = typeof address === 'object' && address ? address.port : this.opts.port;
    this.allowed = allowedHosts([...(this.lan ? [this.lan.listener.host] : []), ...this.opts.hostNames], port);
    this.heartbeat = setInterval(() => this.sweep(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
    this.syncLanAccess();
    await this.lanSettled();
    const host = this.lan?.listener.host ?? this.opts.hostNames[0] ?? '127.0.0.1';
    return { port, origin: `http://${host}:${port}` };
  }

  get port(): number {
    return this.allowed.port;
  }

  /** Whether the network reaches this server now (always true when bound to every interface). */
  get lanOpen(): boolean {
    return this.lan ? this.lan.listener.isOpen : this.opts.bindHost !== '127.0.0.1';
  }

  /** Resolves once the LAN listener has finished opening or closing as last asked. */
  lanSettled(): Promise<void> {
    return this.lan ? this.lan.listener.settled() : Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.lanTimer) clearTimeout(this.lanTimer);
    for (const t of this.approvalTimers.values()) clearTimeout(t);
    for (const c of this.connections) this.drop(c, CLOSE.goingAway, 'server stopping');
    await this.lan?.listener.close();
    await new Promise<void>((r) => this.http.close(() => r()));
    this.http.closeAllConnections();
  }

  // ---- the host's side: pairing and devices ------------------------------------------------

  /** A new pairing offer and its link (for the QR code) on `origin`; opens the LAN listener while it is valid. */
  createPairing(origin: string, page?: string): { offer: PairingOffer; url: string } {
    const offer = this.offers.create();
    this.syncLanAccess();
    return { offer, url: pairingUrl(origin, offer.code, page) };
  }

  /**
   * Opens or closes the LAN listener to match what is going on: in 'while-pairing' mode it is open
   * only while a pairing code is valid or a tablet is paired (or waiting for the agent's answer).
   * Re-checks by itself when the last open code expires.
   */
  private syncLanAccess(): void {
    const lan = this.lan;
    if (!lan || this.allowed.port === 0) return;
    if (this.lanTimer) clearTimeout(this.lanTimer);
    this.lanTimer = null;
    const openUntil = this.offers.openUntilMs();
    const viewers = this.devices.list(() => false).some((d) => d.role === 'viewer');
    const wanted = lan.when === 'always' || viewers || openUntil !== null;
    if (openUntil !== null && !viewers && lan.when !== 'always') {
      this.lanTimer = setTimeout(() => this.syncLanAccess(), Math.max(0, openUntil - this.now()) + 50);
      this.lanTimer.unref();
    }
    if (wanted === lan.listener.isOpen) return;
    const host = lan.listener.host;
    if (wanted) {
      lan.listener.open(this.allowed.port).then(
        () => this.emit('lan', { open: true, host }),
        (err: unknown) => {
          this.logLine(`cannot listen on ${host}:${this.allowed.port}: ${(err as Error).message}`);
          this.emit('lan', { open: false, host, error: (err as Error).message });
        },
      );
    } else {
      for (const c of this.connections) if (c.viaLan) this.drop(c, CLOSE.goingAway, 'network access closed');
      void lan.listener.close().then(() => this.emit('lan', { open: false, host }));
    }
  }

  /** A link for a page on this machine (overlay, capture) that authenticates as the desktop. */
  createDesktopLink(origin: string, page: string, name = 'Desktop'): string {
    const device = this.devices.addDesktop(name);
    return desktopUrl(origin, device.deviceId, device.key, page);
  }

  listDevices(): DeviceInfo[] {
    return this.devices.list((id) => [...this.connections].some((c) => c.device?.deviceId === id && c.state === 'authed'));
  }

  acceptDevice(deviceId: string): boolean {
    const device = this.devices.accept(deviceId);
    if (!device) return false;
    this.clearApprovalTimer(deviceId);
    for (const c of this.connections) {
      if (c.device?.deviceId === deviceId && c.state === 'pending') {
        this.authenticate(c, device, -1, 'pair:accepted');
      }
    }
    this.devicesChanged();
    return true;
  }

  refuseDevice(deviceId: string, reason = 'the agent refused this device', code: PairRefusal = 'refused'): boolean {
    const device = this.devices.get(deviceId);
    if (!device || device.status !== 'pending') return false;
    this.devices.remove(deviceId);
    this.clearApprovalTimer(deviceId);
    for (const c of this.connections) {
      if (c.device?.deviceId === deviceId) {
        this.sendPlain(c, { type: 'pair:refused', reason, code });
        this.drop(c, CLOSE.refused, 'pairing refused');
      }
    }
    this.devicesChanged();
    return true;
  }

  /** Cuts a device off at once: its sockets close and its key opens nothing from now on. */
  revokeDevice(deviceId: string): boolean {
    if (!this.devices.remove(deviceId)) return false;
    this.clearApprovalTimer(deviceId);
    for (const c of this.connections) if (c.device?.deviceId === deviceId) this.drop(c, CLOSE.revoked, 'device revoked');
    this.devicesChanged();
    return true;
  }

  // ---- the host's side: what the devices see ------------------------------------------------

  showTip(tip: Tip): void {
    this.openTips.set(tip.id, tip);
    // Acks can only name tips still open; bound the set so a long call cannot grow it.
    if (this.openTips.size > this.opts.eventLogSize) this.openTips.delete(this.openTips.keys().next().value!);
    this.broadcast({ type: 'tip:show', tip });
  }

  clearTip(tipId: string, by: TipClearedBy): void {
    if (!this.openTips.delete(tipId)) return;
    this.broadcast({ type: 'tip:cleared', tipId, by });
  }

  setLiveState(state: LiveState): void {
    this.live = state;
    this.broadcast({ type: 'live:state', state });
  }

  setCapture(capture: CaptureState): void {
    this.setLiveState({ ...this.live, capture });
  }

  get liveState(): LiveState {
    return this.live;
  }

  startCall(callId: string): void {
    this.openTips.clear();
    this.broadcast({ type: 'call:start', callId });
  }

  endCall(summary: CallSummary): void {
    this.broadcast({ type: 'call:end', summary });
    // No call runs now: views say "Geen gesprek" and offer no pause, and a device that connects
    // later is not told about a call that is over.
    this.setLiveState(NO_CALL_STATE);
  }

  /** Counters for benchmarks and health: sizes that must stay bounded over a long call. */
  stats(): { sockets: number; devices: number; eventLog: number; openTips: number } {
    return { sockets: this.connections.size, devices: this.devices.list(() => false).length, eventLog: this.log.size, openTips: this.openTips.size };
  }

  private serveReview(review: MountedReview, req: IncomingMessage, res: ServerResponse): void {
    if (!review.lanAccess && !isLoopback(req.socket.remoteAddress)) {
      this.refuse(req.socket.remoteAddress, 'review screens are for this machine only (serve --review-on-lan opens them)');
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('review screens are only available on this machine');
      return;
    }
    this.runMounted('review', review.handler, req, res);
  }

  private serveDesktopApi(api: NonNullable<SessionServerOptions['desktopApi']>, req: IncomingMessage, res: ServerResponse): void {
    const refuse = (status: number, reason: string): void => {
      this.refuse(req.socket.remoteAddress, `desktop API: ${reason}`);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: reason }));
    };
    if (!isLoopback(req.socket.remoteAddress)) return refuse(403, 'desktop pages work only on this machine');
    if (!this.isDesktopKey(req.headers.authorization)) return refuse(401, 'a desktop key is needed (open the page from the overlay)');
    this.runMounted('desktop API', api.handler, req, res);
  }

  /** Runs a mounted handler; a failure is logged and answered with 500 (or a cut connection once headers went out). */
  private runMounted(label: string, handler: MountedReview['handler'], req: IncomingMessage, res: ServerResponse): void {
    handler(req, res).catch((err: unknown) => {
      this.logLine(`${label}: request failed: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  }

  /** `Desktop ID.KEY` naming a paired desktop device with exactly that key. */
  private isDesktopKey(header: string | undefined): boolean {
    const m = /^Desktop ([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(header ?? '');
    if (!m) return false;
    const device = this.devices.get(m[1]!);
    const key = fromBase64Url(m[2]!);
    if (!device || device.role !== 'desktop' || device.status !== 'paired' || !key || key.length !== device.key.length) return false;
    return timingSafeEqual(key, device.key);
  }

  // ---- sockets ------------------------------------------------------------------------------

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, viaLan: boolean): void {
    const address = req.socket.remoteAddress ?? '?';
    const reject = (status: string, reason: string) => {
      this.refuse(address, reason);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    let path: string;
    try {
      path = new URL(req.url ?? '', 'http://x').pathname;
    } catch {
      return reject('400 Bad Request', 'upgrade: bad URL');
    }
    if (path !== WS_PATH) return reject('404 Not Found', `upgrade: path ${path.slice(0, 60)}`);
    if (!hostAllowed(req.headers.host, this.allowed)) return reject('403 Forbidden', `upgrade: Host "${String(req.headers.host).slice(0, 60)}" is not this server`);
    if (!originAllowed(req.headers.origin, this.allowed)) return reject('403 Forbidden', `upgrade: Origin "${String(req.headers.origin).slice(0, 80)}" is not a page of this server`);
    const full = this.socketsFull(address);
    if (full) return reject('503 Service Unavailable', `upgrade: ${full}`);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address, viaLan));
  }

  /**
   * Why a new socket from `address` would be one too many, or null. This machine's pages and
   * other machines draw from separate pools, and other machines' unauthenticated sockets from a
   * small one of their own, so nobody on the network can take the overlay's slot.
   */
  private socketsFull(address: string): string | null {
    const local = isLoopback(address);
    const pool = [...this.connections].filter((c) => isLoopback(c.address) === local);
    if (local) return pool.length >= this.opts.maxLoopbackSockets ? 'too many sockets from this machine' : null;
    if (pool.length >= this.opts.maxSockets) return 'too many sockets';
    if (pool.filter((c) => c.state === 'handshake').length >= this.opts.maxUnauthenticated) return 'too many unauthenticated sockets';
    if (pool.filter((c) => c.address === address).length >= this.opts.maxSocketsPerAddress) return `too many sockets from ${address}`;
    return null;
  }

  private accept(ws: WebSocket, address: string, viaLan: boolean): void {
    const conn: Connection = {
      ws, address, viaLan,
      challenge: toBase64Url(randomBytes(24)),
      state: 'handshake',
      device: null,
      textBucket: new TokenBucket(this.opts.messagesPerSecond, this.opts.messageBurst, this.now),
      audioBucket: new TokenBucket(this.opts.audioFramesPerSecond, this.opts.audioFramesPerSecond, this.now),
      lastSeenMs: this.now(),
      authTimer: null,
    };
    this.connections.add(conn);
    conn.authTimer = setTimeout(() => {
      if (conn.state === 'handshake') {
        this.refuse(address, 'no authentication in time');
        this.drop(conn, CLOSE.unauthenticated, 'authenticate first');
      }
    }, isLoopback(address) ? AUTH_DEADLINE_MS : this.opts.handshakeDeadlineMs);
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('pong', () => { conn.lastSeenMs = this.now(); });
    ws.on('close', () => this.forget(conn));
    ws.on('error', (err) => {
      // ws reports oversized frames and protocol errors here and closes the socket itself.
      this.refuse(address, `socket: ${err.message}`);
    });
    this.sendPlain(conn, { type: 'session:hello', v: PROTOCOL_VERSION, challenge: conn.challenge, epoch: this.epoch });
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.state === 'closing') return;
    conn.lastSeenMs = this.now();
    if (isBinary) {
      if (conn.state !== 'authed' || conn.device?.role !== 'desktop') return this.violation(conn, 'audio from a socket that is not the desktop');
      if (!conn.audioBucket.take()) return this.violation(conn, 'audio frame flood', CLOSE.rateLimited);
      const frame = decodeAudioFrame(toBytes(data));
      if (!frame.ok) return this.violation(conn, frame.error);
      this.emit('audio:frame', frame.value);
      return;
    }
    if (!conn.textBucket.take()) return this.violation(conn, 'message flood', CLOSE.rateLimited);
    const parsed = parseClientMessage(toBytes(data).toString('utf8'));
    if (!parsed.ok) return this.violation(conn, `malformed message: ${parsed.error}`);
    this.handle(conn, parsed.value);
  }

  private handle(conn: Connection, msg: ClientMessage): void {
    if (msg.type === 'session:ping') {
      this.sendPlain(conn, { type: 'session:pong', t: msg.t });
      return;
    }
    if (conn.state === 'handshake') {
      if (msg.type === 'pair:request') return this.onPairRequest(conn, msg);
      if (msg.type === 'auth:resume') return this.onResume(conn, msg);
      return this.violation(conn, `${msg.type} before authentication`, CLOSE.unauthenticated);
    }
    if (conn.state !== 'authed' || !conn.device) return this.violation(conn, `${msg.type} while waiting for approval`);
    const allowed = conn.device.role === 'desktop' ? DESKTOP_MESSAGES : VIEWER_MESSAGES;
    if (!allowed.has(msg.type)) return this.violation(conn, `${msg.type} is not allowed for a ${conn.device.role}`);
    const deviceId = conn.device.deviceId;
    switch (msg.type) {
      case 'tip:ack':
      case 'tip:dismiss': {
        if (!this.openTips.has(msg.tipId)) {
          this.sendPlain(conn, { type: 'session:error', code: 'unknown-tip', message: `tip ${msg.tipId.slice(0, 40)} is not open` });
          return;
        }
        const by = msg.type === 'tip:ack' ? 'ack' : 'dismiss';
        this.clearTip(msg.tipId, by);
        this.emit(msg.type, { tipId: msg.tipId, deviceId });
        return;
      }
      case 'capture:set':
        this.setCapture(msg.capture);
        this.emit('capture:set', { capture: msg.capture, deviceId });
        return;
      case 'device:accept':
        this.acceptDevice(msg.deviceId);
        return;
      case 'device:refuse':
        this.refuseDevice(msg.deviceId);
        return;
      case 'device:revoke':
        this.revokeDevice(msg.deviceId);
        return;
      default:
        return this.violation(conn, `${msg.type} is not expected here`);
    }
  }

  private onPairRequest(conn: Connection, msg: Extract<ClientMessage, { type: 'pair:request' }>): void {
    if (!this.pairAttempts.allow(conn.address)) return this.violation(conn, 'too many pairing attempts', CLOSE.rateLimited);
    const taken = this.offers.consume(msg.token);
    if (!taken.ok) {
      return this.turnAway(conn, `pairing: ${taken.reason} token`, { type: 'pair:refused', reason: describeRefusal(taken.reason), code: taken.reason }, CLOSE.refused, 'pairing refused');
    }
    const proofFails = { type: 'pair:refused', reason: 'pairing proof does not match the code', code: 'proof' } as const;
    if (open(taken.offer.key, msg.proof, pairProofAad(msg.token, msg.publicKey)) !== conn.challenge) {
      return this.turnAway(conn, 'pairing: proof does not match the code', proofFails, CLOSE.refused, 'pairing refused');
    }
    // The desktop's half of the exchange; the device key comes from both halves and the code.
    const own = newExchangeKeys();
    const secrets = pairingSecrets({
      code: taken.offer.code, token: msg.token, devicePublicKey: msg.publicKey, desktopPublicKey: own.publicKey,
      ownSecretKey: own.secretKey, peerPublicKey: msg.publicKey,
    });
    if (!secrets) return this.turnAway(conn, 'pairing: unusable public key', proofFails, CLOSE.refused, 'pairing refused');
    const device = this.devices.addPending(msg.deviceName, 'viewer', secrets.key, secrets.confirmCode);
    conn.device = device;
    conn.state = 'pending';
    if (conn.authTimer) clearTimeout(conn.authTimer);
    this.approvalTimers.set(device.deviceId, setTimeout(() => this.refuseDevice(device.deviceId, 'the agent did not answer in time', 'timeout'), this.opts.approvalTimeoutMs));
    this.sendPlain(conn, { type: 'pair:pending', deviceId: device.deviceId, publicKey: own.publicKey });
    const info = this.listDevices().find((d) => d.deviceId === device.deviceId)!;
    this.emit('pair:request', info);
    this.devicesChanged();
  }

  private onResume(conn: Connection, msg: Extract<ClientMessage, { type: 'auth:resume' }>): void {
    const bucket = `${conn.address}|${msg.deviceId}`;
    if (this.resumeFailures.blocked(bucket)) return this.violation(conn, 'too many failed authentication attempts', CLOSE.rateLimited);
    const device = this.devices.get(msg.deviceId);
    if (!device || device.status !== 'paired') {
      this.resumeFailures.record(bucket);
      return this.turnAway(conn, 'resume: unknown or revoked device', { type: 'auth:refused', reason: 'this device is not paired (revoked or unknown)' }, CLOSE.revoked, 'not paired');
    }
    if (device.role === 'desktop' && !isLoopback(conn.address)) {
      this.resumeFailures.record(bucket);
      return this.turnAway(conn, 'resume: desktop credentials from another machine', { type: 'auth:refused', reason: 'desktop pages work only on this machine' }, CLOSE.unauthenticated, 'not this machine');
    }
    if (open(device.key, msg.proof, proofAad('resume', device.deviceId)) !== conn.challenge) {
      this.resumeFailures.record(bucket);
      return this.turnAway(conn, 'resume: wrong proof', { type: 'auth:refused', reason: 'device key does not match' }, CLOSE.unauthenticated, 'wrong proof');
    }
    this.authenticate(conn, device, msg.lastSeq, 'auth:ok');
  }

  /** Marks the socket authenticated, then sends what it missed and the current live state. */
  private authenticate(conn: Connection, device: Device, lastSeq: number, reply: 'auth:ok' | 'pair:accepted'): void {
    if (conn.authTimer) clearTimeout(conn.authTimer);
    conn.device = device;
    conn.state = 'authed';
    this.sendPlain(conn, { type: reply, deviceId: device.deviceId, role: device.role });
    // Replay what the device missed of the current call (the log starts afresh at each call),
    // except tips whose moment has passed: a device paired mid-call gets no stale advice.
    for (const { seq, event } of this.log.since(lastSeq)) {
      if (!this.hasFaded(event)) this.sendSealed(conn, seq, event);
    }
    this.sendLogged(conn, { type: 'live:state', state: this.live });
    if (device.role === 'desktop') this.sendLogged(conn, { type: 'devices:list', devices: this.listDevices() });
    this.devicesChanged();
  }

  private hasFaded(event: DeviceEvent): boolean {
    return event.type === 'tip:show' && event.tip.fadesAtMs !== undefined && event.tip.fadesAtMs <= this.live.callMs;
  }

  private broadcast(event: DeviceEvent, onlyRole?: 'desktop'): void {
    const seq = this.log.append(event);
    for (const c of this.connections) {
      if (c.state !== 'authed' || !c.device) continue;
      if (onlyRole && c.device.role !== onlyRole) continue;
      this.sendSealed(c, seq, event);
    }
  }

  private devicesChanged(): void {
    this.syncLanAccess();
    const devices = this.listDevices();
    this.emit('devices', devices);
    this.broadcast({ type: 'devices:list', devices }, 'desktop');
  }

  /** Appends `event` to the replay log and sends it to this one socket. */
  private sendLogged(conn: Connection, event: DeviceEvent): void {
    this.sendSealed(conn, this.log.append(event), event);
  }

  private sendSealed(conn: Connection, seq: number, event: DeviceEvent): void {
    const device = conn.device!;
    this.sendPlain(conn, { type: 'sealed:event', seq, box: seal(device.key, JSON.stringify(event), sealedEventAad(device.deviceId, seq)) });
  }

  private sendPlain(conn: Connection, msg: ServerMessage): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.ws.bufferedAmount > this.opts.maxBufferedBytes) {
      // A stalled client: drop it rather than queue without bound. It reconnects and catches up.
      this.drop(conn, CLOSE.goingAway, 'too slow', true);
      return;
    }
    conn.ws.send(JSON.stringify(msg));
  }

  /** Refuses a handshake: logs why, tells the device in `reply`, and closes the socket. */
  private turnAway(conn: Connection, logReason: string, reply: ServerMessage, code: number, closeText: string): void {
    this.refuse(conn.address, logReason);
    this.sendPlain(conn, reply);
    this.drop(conn, code, closeText);
  }

  private violation(conn: Connection, reason: string, code: number = CLOSE.policy): void {
    this.refuse(conn.address, reason);
    this.drop(conn, code, reason);
  }

  private refuse(address: string | undefined, reason: string): void {
    this.logLine(`refused ${address ?? '?'}: ${reason}`);
    this.emit('refused', { address: address ?? '?', reason });
  }

  private drop(conn: Connection, code: number, reason: string, hard = false): void {
    if (conn.state === 'closing') return;
    conn.state = 'closing';
    if (conn.authTimer) clearTimeout(conn.authTimer);
    if (hard) conn.ws.terminate();
    else conn.ws.close(code, closeReason(reason));
    // A peer that never completes the close handshake must not hold the slot.
    setTimeout(() => conn.ws.terminate(), 2_000).unref();
  }

  private forget(conn: Connection): void {
    if (conn.authTimer) clearTimeout(conn.authTimer);
    this.connections.delete(conn);
    const pendingId = conn.device?.status === 'pending' ? conn.device.deviceId : null;
    conn.state = 'closing';
    // A pairing request whose socket went away cannot be answered: withdraw it.
    if (pendingId) this.refuseDevice(pendingId, 'the device went away');
    else if (conn.device) this.devicesChanged();
  }

  private sweep(): void {
    const t = this.now();
    for (const c of this.connections) {
      if (t - c.lastSeenMs > HEARTBEAT_TIMEOUT_MS) {
        this.refuse(c.address, 'heartbeat timeout');
        this.drop(c, CLOSE.heartbeatTimeout, 'heartbeat timeout', true);
      } else if (c.ws.readyState === c.ws.OPEN) {
        c.ws.ping();
      }
    }
  }

  private clearApprovalTimer(deviceId: string): void {
    const t = this.approvalTimers.get(deviceId);
    if (t) clearTimeout(t);
    this.approvalTimers.delete(deviceId);
  }
}

/** A close reason must fit 123 bytes of UTF-8 or ws throws; keep it short, printable ASCII. */
export function closeReason(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

/** Whether a request URL's path is basePath itself or below it (never a look-alike such as /reviewx). */
function isUnder(url: string | undefined, basePath: string): boolean {
  let path: string;
  try {
    path = new URL(url ?? '/', 'http://x').pathname;
  } catch {
    return false;
  }
  return path === basePath || path.startsWith(`${basePath}/`);
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
