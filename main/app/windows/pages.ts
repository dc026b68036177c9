// Which page each window shows, and how to tell from a URL which of the app's pages it is.
//
// All pages come from ONE origin: the engine server the app starts on 127.0.0.1 (see
// engine/engine-process.ts), which serves the built views from dist/renderer. Permissions,
// IPC sender checks and navigation rules all compare against this origin with a parsed URL,
// never with `startsWith` (Electron security checklist item 13).
import type { WindowKind } from '../../contracts/ipc.ts';

export const PAGES: Readonly<Record<WindowKind, string>> = {
  overlay: '/overlay.html',
  capture: '/capture.html',
  firstrun: '/firstrun.html',
  // Mounted by the engine (`klachtcoach serve`) with its sign-in and JSON API below it.
  review: '/review/',
};

/** The app origin as `new URL(...).origin` gives it, e.g. `http://127.0.0.1:43123`. */
export type AppOrigin = string;

export function appOriginFor(port: number): AppOrigin {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`engine port out of range: ${port}`);
  return `http://127.0.0.1:${port}`;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is served by the app's own engine server (any page). */
export function isAppOrigin(url: string, appOrigin: AppOrigin): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.origin === appOrigin;
}

/** Which of the app's pages `url` is, or null for anything else (other origin, unknown path). */
export function pageKindOf(url: string, appOrigin: AppOrigin): WindowKind | null {
  const parsed = parse(url);
  if (parsed === null || parsed.origin !== appOrigin) return null;
  for (const [kind, path] of Object.entries(PAGES) as [WindowKind, string][]) {
    if (parsed.pathname === path) return kind;
  }
  return null;
}

/** The URL a window loads; `query` carries non-secret start options (e.g. the chosen microphone). */
export function pageUrl(kind: WindowKind, appOrigin: AppOrigin, query: Record<string, string> = {}): string {
  const url = new URL(PAGES[kind], appOrigin);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}
