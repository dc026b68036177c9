// Small request/response helpers for the review server: bounded JSON bodies, JSON replies,
// cookies. Every reply carries headers that keep browsers from sniffing or framing it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { originAllowed, type AllowedHosts } from '../session/request-guards.ts';

export const MAX_BODY_BYTES = 16 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
  }
}

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { ...BASE_HEADERS, ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

/** Reads a JSON body of at most MAX_BODY_BYTES; only `application/json` (plain HTML forms cannot send it). */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'request body must be application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Refuses a request whose Origin (browsers send it on every POST, PUT, DELETE and cross-origin
 * fetch) is not this server: one of `allowed` when given, else the request's own Host (only safe
 * where something in front has already checked Host).
 */
export function checkRequestOrigin(req: IncomingMessage, allowed?: AllowedHosts): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (allowed) {
    if (!originAllowed(origin, allowed)) throw new HttpError(403, `cross-origin request from ${origin.slice(0, 80)} refused`);
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new HttpError(403, 'malformed Origin header');
  }
  if (host !== req.headers.host) throw new HttpError(403, `cross-origin request from ${origin.slice(0, 80)} refused`);
}

/**
 * The CSRF token a request carries: the `X-CSRF-Token` header, or for a download link (which
 * cannot set headers) the `csrf` query parameter. A page on another origin knows neither.
 */
export function csrfTokenOf(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : (query.get('csrf') ?? undefined);
}
