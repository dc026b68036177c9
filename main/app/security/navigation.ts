// Navigation, new windows and outgoing requests. The app shows only its own pages: a page may
// move between them (e.g. the review page's sign-in), but never to another origin, never open a
// window, never attach a <webview> (security checklist items 12-14). Requests to anything but
// the app's own origin are cancelled, so even injected markup cannot fetch from the internet.
import { isAppOrigin, type AppOrigin } from '../windows/pages.ts';

export function mayNavigate(targetUrl: string, appOrigin: AppOrigin): boolean {
  return isAppOrigin(targetUrl, appOrigin);
}

/** `webContents.setWindowOpenHandler`: always deny. Links to elsewhere have no place in a call. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

const ALWAYS_LOCAL = new Set(['data:', 'blob:', 'devtools:']);

/** `session.webRequest.onBeforeRequest`: true when the request must be cancelled. */
export function shouldCancelRequest(url: string, appOrigin: AppOrigin): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (ALWAYS_LOCAL.has(parsed.protocol)) return false;
  if (parsed.protocol === 'ws:') return `http://${parsed.host}` !== appOrigin;
  return parsed.origin !== appOrigin;
}
