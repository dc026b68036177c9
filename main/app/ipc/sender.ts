// Who sent an IPC message. Checked on EVERY message (security checklist item 17): the sending
// frame must be a main frame, its URL must be one of the app's pages on the app origin, and the
// webContents must be the window the app opened for that page. A page that navigated elsewhere,
// an iframe, or a window the app did not create is nobody.
import type { WindowKind } from '../../contracts/ipc.ts';
import { pageKindOf, type AppOrigin } from '../windows/pages.ts';

/** What main.ts reads off an IpcMainEvent / IpcMainInvokeEvent. */
export interface SenderInfo {
  /** `event.senderFrame?.url`, or null when the frame is gone. */
  frameUrl: string | null;
  /** `event.senderFrame.parent === null`. */
  isMainFrame: boolean;
  /** `event.sender.id`. */
  webContentsId: number;
}

export interface SenderRegistry {
  /** The kind of window the app created with this webContents id, if any. */
  kindOf(webContentsId: number): WindowKind | undefined;
}

export type SenderCheck = { ok: true; kind: WindowKind } | { ok: false; reason: string };

export function identifySender(sender: SenderInfo, appOrigin: AppOrigin, registry: SenderRegistry): SenderCheck {
  if (sender.frameUrl === null) return { ok: false, reason: 'the sending frame is gone' };
  if (!sender.isMainFrame) return { ok: false, reason: 'messages from sub-frames are refused' };
  const registered = registry.kindOf(sender.webContentsId);
  if (registered === undefined) return { ok: false, reason: `webContents ${sender.webContentsId} is not a Klachtcoach window` };
  const page = pageKindOf(sender.frameUrl, appOrigin);
  if (page === null) return { ok: false, reason: `not one of the app's pages: ${sender.frameUrl}` };
  if (page !== registered) return { ok: false, reason: `the ${registered} window now shows the ${page} page` };
  return { ok: true, kind: page };
}

/** A registry backed by a Map; main.ts adds a window when it creates it and removes it on close. */
export class WindowRegistry implements SenderRegistry {
  readonly #kinds = new Map<number, WindowKind>();

  add(webContentsId: number, kind: WindowKind): void {
    this.#kinds.set(webContentsId, kind);
  }

  remove(webContentsId: number): void {
    this.#kinds.delete(webContentsId);
  }

  kindOf(webContentsId: number): WindowKind | undefined {
    return this.#kinds.get(webContentsId);
  }
}
