// Serves the built review page (dist/renderer/review.html and its assets) with a strict CSP.
// Only files inside the build folder are served; anything else is a 404.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { send } from './http-helpers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const REVIEW_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export async function serveStatic(res: ServerResponse, staticDir: string, relativePath: string): Promise<boolean> {
  const root = resolve(staticDir);
  const file = resolve(root, `.${relativePath.startsWith('/') ? '' : '/'}${relativePath}`);
  if (!file.startsWith(root + sep)) return false;
  const type = TYPES[extname(file)];
  if (!type) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  const headers: Record<string, string> = { 'Content-Type': type };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = REVIEW_CSP;
  // Hashed asset names never change content, so the browser may keep them.
  if (relativePath.startsWith('/assets/')) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  send(res, 200, body, headers);
  return true;
}
