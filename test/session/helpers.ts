// Shared set-up for the session tests: a server on a free loopback port, raw `ws` sockets that can
// lie about their Origin, and the real session client running in Node on top of `ws`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { expect } from 'vitest';
import { SessionServer, type SessionServerEvents, type SessionServerOptions } from '../../main/session/server.ts';
import { createSessionClient, memoryCredentials } from '../../renderer/session-client/index.ts';
import type { CredentialStore, SessionClient, SessionClientEvents, SessionStatus } from '../../renderer/session-client/types.ts';
import type { Tip } from '../../main/contracts/protocol.ts';

export interface Clock {
  offsetMs: number;
  now: () => number;
}

export function fakeClock(): Clock {
  const clock: Clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  return clock;
}

export async function startServer(options: Partial<SessionServerOptions> = {}): Promise<{ server: SessionServer; origin: string; wsUrl: string }> {
  const staticDir = options.staticDir ?? mkdtempSync(join(tmpdir(), 'kc-static-'));
  writeFileSync(join(staticDir, 'tablet.html'), '<!doctype html><title>t</title>');
  const server = new SessionServer({ staticDir, ...options });
  const { origin, port } = await server.listen();
  return { server, origin, wsUrl: `ws://127.0.0.1:${port}/ws` };
}

/**
 * A WebSocket class for the client that sends the given Origin, as a browser page would, and that
 * like a browser's only reports a failed connection through its close event: `ws` would otherwise
 * throw an unhandled 'error' when a reconnect finds the server gone.
 */
export function wsWithOrigin(origin: string): typeof globalThis.WebSocket {
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL) {
      super(url, { origin });
      this.on('error', () => undefined);
    }
  }
  return OriginWebSocket as unknown as typeof globalThis.WebSocket;
}

export function nodeClient(origin: string, wsUrl: string, credentials: CredentialStore = memoryCredentials()): SessionClient {
  return createSessionClient({ url: wsUrl, credentials, deviceName: 'Test tablet', WebSocketImpl: wsWithOrigin(origin) });
}

export function nextEvent<K extends keyof SessionClientEvents>(client: SessionClient, event: K, timeoutMs = 5_000): Promise<SessionClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`no ${event} event within ${timeoutMs} ms`)); }, timeoutMs);
    const off = client.on(event, (payload) => { clearTimeout(timer); off(); resolve(payload); });
  });
}

export async function waitForStatus(client: SessionClient, status: SessionStatus, timeoutMs = 5_000): Promise<void> {
  if (client.status === status) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`status stayed ${client.status}, expected ${status}`)); }, timeoutMs);
    const off = client.on('status', (s) => {
      if (s.status === status) { clearTimeout(timer); off(); resolve(); }
    });
  });
}

/** Pairs a Node client through the whole flow (code → request → agent accepts). */
export async function pairClient(server: SessionServer, origin: string, wsUrl: string): Promise<{ client: SessionClient; deviceId: string }> {
  const client = nodeClient(origin, wsUrl);
  const { url } = server.createPairing(origin);
  const requested = new Promise<string>((resolve) => { const off = server.on('pair:request', (d) => { off(); resolve(d.deviceId); }); });
  client.pair(url);
  const deviceId = await requested;
  expect(server.acceptDevice(deviceId)).toBe(true);
  await waitForStatus(client, 'connected');
  return { client, deviceId };
}

export function sampleTip(id: string, over: Partial<Tip> = {}): Tip {
  return { id, kind: 'flag', behaviour: 'bagatelliseren', ruleId: 'nl.Test.Rule', atMs: 1000, tip: 'Toon begrip voor de klacht.', severity: 'medium', source: 'text', ...over };
}

/** A raw socket: resolves with it once open, and records every text frame and the close. */
export function rawSocket(wsUrl: string, headers: { origin?: string; host?: string } = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { ...(headers.origin ? { origin: headers.origin } : {}), ...(headers.host ? { headers: { host: headers.host } } : {}) });
    const raw: RawSocket = { ws, messages: [], closed: null };
    ws.on('message', (data, isBinary) => { if (!isBinary) raw.messages.push(JSON.parse(data.toString()) as Record<string, unknown>); });
    ws.on('close', (code, reason) => { raw.closed = { code, reason: reason.toString() }; });
    ws.on('open', () => resolve(raw));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

export interface RawSocket {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  closed: { code: number; reason: string } | null;
}

export async function until(cond: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The next `event` the server emits. */
export function nextServerEvent<K extends keyof SessionServerEvents>(server: SessionServer, event: K): Promise<SessionServerEvents[K]> {
  return new Promise((resolve) => { const off = server.on(event, (p) => { off(); resolve(p); }); });
}

/** Whether the tablet page answers at `origin` (a LAN listener that is closed does not). */
export async function tabletPageAnswers(origin: string): Promise<boolean> {
  try {
    return (await fetch(`${origin}/tablet.html`)).status === 200;
  } catch {
    return false;
  }
}
