// The Content-Security-Policy of every page the app shows, and the header rewrite that applies it.
//
// Set through `session.webRequest.onHeadersReceived`, so it holds whatever the engine server
// sends (research/security.md §1). The views are Vite bundles: scripts and styles come from the
// page's own origin only, never inline, never eval. The only network peer is the engine server
// itself (HTTP and its WebSocket).
import type { AppOrigin } from '../windows/pages.ts';

export function contentSecurityPolicy(appOrigin: AppOrigin): string {
  const ws = appOrigin.replace(/^http:/, 'ws:').replace(/^https:/, 'wss:');
  const directives: [string, string][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', `'self' ${ws}`],
    // The capture page's AudioWorklet module is a script from 'self'; blob: workers are not needed.
    ['worker-src', "'self'"],
    ['media-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Returns the response headers with OUR policy as the only CSP (any header the server sent,
 * in any letter case, is replaced) plus `nosniff`. Pure, so a test can pin it.
 */
export function withSecurityHeaders(headers: ResponseHeaders | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    if (lower === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}
