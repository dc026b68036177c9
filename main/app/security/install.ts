// Wires the pure security policy (permissions.ts, csp.ts, navigation.ts) into an Electron
// session and into every webContents the app creates. This file holds no decisions of its own.
import { app, desktopCapturer, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy, withSecurityHeaders } from './csp.ts';
import { mayNavigate, shouldCancelRequest, windowOpenDecision } from './navigation.ts';
import {
  decideDisplayMedia, decidePermissionCheck, decidePermissionRequest, type PermissionContext,
} from './permissions.ts';

/**
 * `context()` is read on every request, so pausing takes effect at once. `origins()` lists the
 * app's own servers (engine first); everything else is blocked.
 */
export function secureSession(
  ses: Session,
  context: () => PermissionContext,
  origins: () => readonly string[],
  log: (line: string) => void,
): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const decision = decidePermissionRequest(
      permission,
      { requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, ...(mediaTypes ? { mediaTypes } : {}) },
      context(),
    );
    if (!decision.allow) log(`permission ${permission} denied: ${decision.reason}`);
    callback(decision.allow);
  });

  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return decidePermissionCheck(permission, requestingOrigin, details, context()).allow;
  });

  ses.setDisplayMediaRequestHandler((request, callback) => {
    const decision = decideDisplayMedia(
      { frameUrl: request.frame?.url ?? null, frameIsMainFrame: request.frame?.parent === null, audioRequested: request.audioRequested },
      context(),
    );
    if (!decision.allow) {
      log(`system audio denied: ${decision.reason}`);
      callback({});
      return;
    }
    // Chromium wants a video source next to loopback audio; the capture page drops the video track.
    desktopCapturer.getSources({ types: ['screen'] }).then(
      (sources) => {
        const screen = sources[0];
        if (screen === undefined) {
          log('system audio denied: no screen source to attach loopback audio to');
          callback({});
          return;
        }
        callback({ video: screen, audio: 'loopback' });
      },
      (error: unknown) => {
        log(`system audio denied: ${error instanceof Error ? error.message : String(error)}`);
        callback({});
      },
    );
  });

  ses.webRequest.onBeforeRequest((details, callback) => {
    const cancel = shouldCancelRequest(details.url, origins());
    if (cancel) log(`blocked request to ${details.url}`);
    callback({ cancel });
  });

  ses.webRequest.onHeadersReceived((details, callback) => {
    // Each page's policy names its own server; anything else was cancelled before it got here.
    let origin = context().appOrigin;
    try {
      const responseOrigin = new URL(details.url).origin;
      if (origins().includes(responseOrigin)) origin = responseOrigin;
    } catch {
      // keep the engine's origin
    }
    const policy = contentSecurityPolicy(origin);
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, policy) });
  });
}

/** Navigation, new windows and <webview> for every webContents, including ones we did not expect. */
export function secureAllWebContents(origins: () => readonly string[], log: (line: string) => void): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const guard = (event: { preventDefault(): void }, url: string): void => {
      if (!mayNavigate(url, origins())) {
        event.preventDefault();
        log(`navigation to ${url} blocked`);
      }
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log(`new window for ${url} blocked`);
      return windowOpenDecision();
    });
  });
}
