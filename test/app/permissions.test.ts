import { describe, expect, it } from 'vitest';
import {
  decideDisplayMedia, decidePermissionCheck, decidePermissionRequest, type PermissionContext,
} from '../../main/app/security/permissions.ts';

const origin = 'http://127.0.0.1:43123';
const capturing: PermissionContext = { appOrigin: origin, capturing: true, loopbackThisCall: true };
const paused: PermissionContext = { ...capturing, capturing: false };
const noOptIn: PermissionContext = { ...capturing, loopbackThisCall: false };

const page = (path: string): string => `${origin}${path}`;
const mic = (url: string, extra: Partial<{ isMainFrame: boolean; mediaTypes: ('audio' | 'video')[] }> = {}) => ({
  requestingUrl: url, isMainFrame: true, mediaTypes: ['audio'] as ('audio' | 'video')[], ...extra,
});

describe('permission requests', () => {
  it.each([
    ['capture page, microphone, during a call', 'media', mic(page('/capture.html?autostart=1')), capturing, true],
    ['first-run page, microphone test', 'media', mic(page('/firstrun.html')), paused, true],
    ['capture page while paused', 'media', mic(page('/capture.html')), paused, false],
    ['camera on the capture page', 'media', mic(page('/capture.html'), { mediaTypes: ['audio', 'video'] }), capturing, false],
    ['media without types', 'media', mic(page('/capture.html'), { mediaTypes: [] }), capturing, false],
    ['overlay asks for the microphone', 'media', mic(page('/overlay.html')), capturing, false],
    ['review page asks for the microphone', 'media', mic(page('/review/')), capturing, false],
    ['unknown page on our origin', 'media', mic(page('/evil.html')), capturing, false],
    ['same path on another port', 'media', mic('http://127.0.0.1:9999/capture.html'), capturing, false],
    ['same path on localhost instead of 127.0.0.1', 'media', mic('http://localhost:43123/capture.html'), capturing, false],
    ['look-alike host', 'media', mic('http://127.0.0.1.evil.example:43123/capture.html'), capturing, false],
    ['https remote page', 'media', mic('https://example.com/capture.html'), capturing, false],
    ['sub-frame on the capture page', 'media', mic(page('/capture.html'), { isMainFrame: false }), capturing, false],
    ['notifications', 'notifications', mic(page('/overlay.html')), capturing, false],
    ['geolocation', 'geolocation', mic(page('/capture.html')), capturing, false],
    ['clipboard', 'clipboard-read', mic(page('/firstrun.html')), capturing, false],
    ['openExternal', 'openExternal', mic(page('/overlay.html')), capturing, false],
    ['display capture for loopback, opted in', 'display-capture', mic(page('/capture.html')), capturing, true],
    ['display capture without opt-in', 'display-capture', mic(page('/capture.html')), noOptIn, false],
    ['display capture while paused', 'display-capture', mic(page('/capture.html')), paused, false],
    ['display capture from the overlay', 'display-capture', mic(page('/overlay.html')), capturing, false],
  ] as const)('%s', (_name, permission, details, ctx, expected) => {
    const decision = decidePermissionRequest(permission, details, ctx);
    expect(decision.allow, decision.reason).toBe(expected);
    expect(decision.reason.length).toBeGreaterThan(0);
  });
});

describe('permission checks', () => {
  it('allow media for capture and first-run pages of our origin', () => {
    expect(decidePermissionCheck('media', origin, { isMainFrame: true, requestingUrl: page('/capture.html'), mediaType: 'audio' }, capturing).allow).toBe(true);
    expect(decidePermissionCheck('media', origin, { isMainFrame: true, requestingUrl: page('/firstrun.html'), mediaType: 'unknown' }, paused).allow).toBe(true);
  });

  it('deny video, other origins, sub-frames, other pages and other permissions', () => {
    const ok = { isMainFrame: true, requestingUrl: page('/capture.html'), mediaType: 'audio' as const };
    expect(decidePermissionCheck('media', origin, { ...ok, mediaType: 'video' }, capturing).allow).toBe(false);
    expect(decidePermissionCheck('media', 'https://example.com', ok, capturing).allow).toBe(false);
    expect(decidePermissionCheck('media', origin, { ...ok, isMainFrame: false }, capturing).allow).toBe(false);
    expect(decidePermissionCheck('media', origin, { ...ok, embeddingOrigin: 'https://example.com' }, capturing).allow).toBe(false);
    expect(decidePermissionCheck('media', origin, { ...ok, requestingUrl: page('/overlay.html') }, capturing).allow).toBe(false);
    expect(decidePermissionCheck('media', origin, { isMainFrame: true, mediaType: 'audio' }, capturing).allow).toBe(false);
    expect(decidePermissionCheck('notifications', origin, ok, capturing).allow).toBe(false);
    expect(decidePermissionCheck('fileSystem', origin, ok, capturing).allow).toBe(false);
  });
});

describe('display media (system loopback for the customer audio)', () => {
  const req = { frameUrl: page('/capture.html?loopback=1'), frameIsMainFrame: true, audioRequested: true };

  it('is offered to the capture page during an opted-in call', () => {
    expect(decideDisplayMedia(req, capturing).allow).toBe(true);
  });

  it('is refused without opt-in, while paused, without an audio request, from other pages or frames', () => {
    expect(decideDisplayMedia(req, noOptIn)).toMatchObject({ allow: false, reason: expect.stringContaining('opt in') });
    expect(decideDisplayMedia(req, paused).allow).toBe(false);
    expect(decideDisplayMedia({ ...req, audioRequested: false }, capturing).allow).toBe(false);
    expect(decideDisplayMedia({ ...req, frameUrl: page('/overlay.html') }, capturing).allow).toBe(false);
    expect(decideDisplayMedia({ ...req, frameUrl: null }, capturing).allow).toBe(false);
    expect(decideDisplayMedia({ ...req, frameIsMainFrame: false }, capturing).allow).toBe(false);
    expect(decideDisplayMedia({ ...req, frameUrl: 'https://example.com/capture.html' }, capturing).allow).toBe(false);
  });
});
