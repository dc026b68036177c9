// Checks on every HTTP request and WebSocket upgrade before anything else runs:
// - Host must name this server (defeats DNS rebinding: a foreign name resolving to our address);
// - Origin (browsers send it on the WebSocket handshake) must be a page this server served
//   (defeats cross-site WebSocket hijacking from any other page in any browser on the LAN).
import type { IncomingMessage } from 'node:http';

/** The names this machine is always reached by. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface AllowedHosts {
  /** Host names or IP literals this server is reached by (e.g. 127.0.0.1, localhost, the LAN IP). */
  names: ReadonlySet<string>;
  port: number;
}

/** The loopback names plus `extra` (lower-cased), on `port`. */
export function allowedHosts(extra: readonly string[], port: number): AllowedHosts {
  return { names: new Set([...LOOPBACK_HOST_NAMES, ...extra.map((h) => h.toLowerCase())]), port };
}

/** Splits a Host header value into name and port; IPv6 literals keep their brackets. */
export function parseHostHeader(value: string | undefined): { name: string; port: number | null } | null {
  if (!value || value.length > 300) return null;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) };
}

export function hostAllowed(hostHeader: string | undefined, allowed: AllowedHosts): boolean {
  const host = parseHostHeader(hostHeader);
  if (!host) return false;
  // Browsers omit the port only for 80; we never run on 80 by default but allow it consistently.
  const port = host.port ?? 80;
  return port === allowed.port && allowed.names.has(host.name);
}

/** The Origin must be exactly http://<allowed host>:<our port>. */
export function originAllowed(origin: string | undefined, allowed: AllowedHosts): boolean {
  if (!origin || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.origin !== origin) return false; // no paths, credentials or odd spellings
  return hostAllowed(url.host, allowed);
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function requestSummary(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'} ${req.method ?? '?'} ${(req.url ?? '').slice(0, 80)}`;
}
