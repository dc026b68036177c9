// Navigation, new windows and outgoing requests. The app shows only its own pages, served by its
// own loopback server (the engine, review screens under /review/ included): a page may move
// between them, but never to another origin,
// never open a window, never attach a <webview> (security checklist items 12-14). Requests to
// anything else are cancelled, so even injected markup cannot fetch from the internet.
import type { AppOrigin } from '../windows/pages.ts';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function mayNavigate(targetUrl: string, allowed: readonly AppOrigin[]): boolean {
  const origin = originOf(targetUrl);
  return origin !== null && allowed.includes(origin);
}

/** `webContents.setWindowOpenHandler`: always deny. Links to elsewhere have no place in a call. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

const ALWAYS_LOCAL = new Set(['data:', 'blob:', 'devtools:']);

/** `session.webRequest.onBeforeRequest`: true when the request must be cancelled. */
export function shouldCancelRequest(url: string, allowed: readonly AppOrigin[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (ALWAYS_LOCAL.has(parsed.protocol)) return false;
  if (parsed.protocol === 'ws:') return !allowed.includes(`http://${parsed.host}`);
  return !allowed.includes(parsed.origin);
}
