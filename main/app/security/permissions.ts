// Who may use which browser permission. Electron approves EVERY permission request unless the
// app installs its own handlers, and shows no recording notice, so an XSS could record audio
// silently (research/security.md §1). These pure functions are the whole policy; main.ts only
// wires them to `session.setPermissionRequestHandler`, `setPermissionCheckHandler` and
// `setDisplayMediaRequestHandler`.
//
// Policy: deny by default. Allow the microphone (`media`, audio only) to the app's own capture
// page while a call is being captured, and to the first-run page (microphone test, device
// list). Allow loopback display media (the customer's audio) only to the capture page, only
// during a call the agent opted in for, only while not paused. Never video, never a sub-frame,
// never another origin.
import type { WindowKind } from '../../contracts/ipc.ts';
import { pageKindOf, type AppOrigin } from '../windows/pages.ts';

export interface PermissionContext {
  appOrigin: AppOrigin;
  /** A call is active and not paused: capture may run. */
  capturing: boolean;
  /** The agent opted in to the customer's audio for this call. */
  loopbackThisCall: boolean;
}

export interface Decision {
  allow: boolean;
  /** Why, for the debug log and for test failure messages. */
  reason: string;
}

const allow = (reason: string): Decision => ({ allow: true, reason });
const deny = (reason: string): Decision => ({ allow: false, reason });

/** The fields of Electron's PermissionRequest / MediaAccessPermissionRequest we rely on. */
export interface PermissionRequestDetails {
  requestingUrl: string;
  isMainFrame: boolean;
  mediaTypes?: readonly ('audio' | 'video')[];
}

function microphoneFor(kind: WindowKind | null, ctx: PermissionContext): Decision {
  if (kind === 'firstrun') return allow('first-run page: microphone test and device choice');
  if (kind === 'capture') {
    return ctx.capturing ? allow('capture page during a call') : deny('capture is paused or no call is active');
  }
  return deny(`page ${kind ?? 'unknown'} has no use for the microphone`);
}

/** `session.setPermissionRequestHandler`: a page asks (getUserMedia, getDisplayMedia, notifications...). */
export function decidePermissionRequest(
  permission: string,
  details: PermissionRequestDetails,
  ctx: PermissionContext,
): Decision {
  if (!details.isMainFrame) return deny('sub-frames get no permissions');
  const kind = pageKindOf(details.requestingUrl, ctx.appOrigin);
  if (kind === null) return deny(`not one of the app's pages: ${details.requestingUrl}`);
  if (permission === 'media') {
    const types = details.mediaTypes ?? [];
    if (types.length === 0) return deny('media request without media types');
    if (types.some((t) => t !== 'audio')) return deny('video (camera) is never allowed');
    return microphoneFor(kind, ctx);
  }
  if (permission === 'display-capture') return decideLoopback(kind, ctx);
  return deny(`permission ${permission} is not used by Klachtcoach`);
}

/** The fields of Electron's PermissionCheckHandlerHandlerDetails we rely on. */
export interface PermissionCheckDetails {
  isMainFrame: boolean;
  requestingUrl?: string;
  mediaType?: 'audio' | 'video' | 'unknown';
  embeddingOrigin?: string;
}

/**
 * `session.setPermissionCheckHandler`: synchronous checks (e.g. before a request, or whether
 * `enumerateDevices` may show device labels). Stricter than requests where in doubt.
 */
export function decidePermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: PermissionCheckDetails,
  ctx: PermissionContext,
): Decision {
  if (!details.isMainFrame || details.embeddingOrigin !== undefined) return deny('sub-frames get no permissions');
  if (requestingOrigin !== ctx.appOrigin) return deny(`foreign origin ${requestingOrigin}`);
  if (permission !== 'media') return deny(`permission ${permission} is not used by Klachtcoach`);
  if (details.mediaType === 'video') return deny('video (camera) is never allowed');
  // Chromium checks device-listing with mediaType "unknown"; the page must still be ours.
  const kind = details.requestingUrl === undefined ? null : pageKindOf(details.requestingUrl, ctx.appOrigin);
  if (kind === 'firstrun') return allow('first-run page: microphone test and device choice');
  if (kind === 'capture') return allow('capture page: device list; the request itself is gated on the call');
  return deny(`page ${kind ?? 'unknown'} has no use for the microphone`);
}

function decideLoopback(kind: WindowKind | null, ctx: PermissionContext): Decision {
  if (kind !== 'capture') return deny(`page ${kind ?? 'unknown'} may not capture system audio`);
  if (!ctx.capturing) return deny('capture is paused or no call is active');
  if (!ctx.loopbackThisCall) return deny('the agent did not opt in to the customer audio for this call');
  return allow('capture page, call with customer-audio opt-in');
}

/** What `setDisplayMediaRequestHandler` receives, reduced to what the decision needs. */
export interface DisplayMediaRequest {
  /** URL of the requesting frame, or null if it navigated away or closed. */
  frameUrl: string | null;
  frameIsMainFrame: boolean;
  audioRequested: boolean;
}

/**
 * `session.setDisplayMediaRequestHandler`: whether to answer getDisplayMedia with a screen
 * source plus `audio: 'loopback'`. Chromium requires a video track in the answer; the capture
 * page stops it at once and uses only the audio (research/asr.md §7).
 */
export function decideDisplayMedia(req: DisplayMediaRequest, ctx: PermissionContext): Decision {
  if (req.frameUrl === null) return deny('the requesting frame is gone');
  if (!req.frameIsMainFrame) return deny('sub-frames get no permissions');
  if (!req.audioRequested) return deny('only system audio is offered, and it was not requested');
  return decideLoopback(pageKindOf(req.frameUrl, ctx.appOrigin), ctx);
}
