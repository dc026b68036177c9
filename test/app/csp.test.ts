import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withSecurityHeaders } from '../../main/app/security/csp.ts';
import { mayNavigate, shouldCancelRequest, windowOpenDecision } from '../../main/app/security/navigation.ts';

const origin = 'http://127.0.0.1:43123';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy(origin));

  it('denies by default and allows scripts and styles only from the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows inline code, eval, or wildcard sources anywhere', () => {
    const text = contentSecurityPolicy(origin);
    expect(text).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https?:\/\/(?!127\.0\.0\.1:43123)/);
  });

  it('lets pages talk only to their own engine server (HTTP and WebSocket)', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:43123']);
  });
});

describe('security headers', () => {
  it('replaces any CSP the server sent, whatever its letter case, and adds nosniff', () => {
    const out = withSecurityHeaders(
      {
        'content-security-policy': ["default-src *"],
        'Content-Security-Policy-Report-Only': "script-src 'unsafe-inline'",
        'x-content-type-options': ['none'],
        'Content-Type': ['text/html'],
      },
      'default-src \'none\'',
    );
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
      'X-Content-Type-Options': ['nosniff'],
    });
  });

  it('adds the policy when the server sent no headers', () => {
    expect(withSecurityHeaders(undefined, 'p')['Content-Security-Policy']).toEqual(['p']);
  });
});

describe('navigation, new windows and requests', () => {
  it('allows moving between the app pages only', () => {
    expect(mayNavigate(`${origin}/review/#/calls`, [origin])).toBe(true);
    expect(mayNavigate('https://example.com/', [origin])).toBe(false);
    expect(mayNavigate('http://127.0.0.1:43124/overlay.html', [origin])).toBe(false);
    expect(mayNavigate('file:///etc/passwd', [origin])).toBe(false);
    expect(mayNavigate('javascript:alert(1)', [origin])).toBe(false);
    expect(mayNavigate('not a url', [origin])).toBe(false);
  });

  it('never opens new windows', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it('cancels every request that does not go to the engine server', () => {
    expect(shouldCancelRequest(`${origin}/assets/index.js`, [origin])).toBe(false);
    expect(shouldCancelRequest('ws://127.0.0.1:43123/ws', [origin])).toBe(false);
    expect(shouldCancelRequest('data:image/png;base64,AAAA', [origin])).toBe(false);
    expect(shouldCancelRequest('ws://127.0.0.1:1/ws', [origin])).toBe(true);
    expect(shouldCancelRequest('https://huggingface.co/model', [origin])).toBe(true);
    expect(shouldCancelRequest('file:///home/agent/.ssh/id_rsa', [origin])).toBe(true);
    expect(shouldCancelRequest('http://localhost:43123/overlay.html', [origin])).toBe(true);
    expect(shouldCancelRequest('::garbage::', [origin])).toBe(true);
  });

  it('the review screens are the engine\'s own /review/: their API passes, another loopback server does not', () => {
    expect(shouldCancelRequest(`${origin}/review/api/calls`, [origin])).toBe(false);
    expect(shouldCancelRequest('http://127.0.0.1:43200/api/calls', [origin])).toBe(true);
    expect(mayNavigate('http://127.0.0.1:43200/review.html', [origin])).toBe(false);
  });
});
