// Builds one renderer page with Vite into a temp folder and serves it over loopback HTTP WITH the
// headers the desktop app adds (security/csp.ts), so the browser tests see the page exactly as
// the Electron windows do: under the app's strict Content-Security-Policy.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { contentSecurityPolicy, withSecurityHeaders } from '../../main/app/security/csp.ts';
import { screenshotDir } from '../support/look.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
const ROOT = resolve(import.meta.dirname, '../..');

export async function buildPage(page: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `kc-${page}-`));
  const root = join(ROOT, 'renderer');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'error',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, rollupOptions: { input: { [page]: join(root, `${page}.html`) } } },
  });
  return outDir;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveWithAppHeaders(dir: string): Promise<PageServer> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = withSecurityHeaders({ 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }, contentSecurityPolicy(origin));
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Screenshots for people to look at: an ignored folder, never tracked files. */
export const SCREENSHOTS = screenshotDir('app');
