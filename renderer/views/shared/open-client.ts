// Which SessionClient a page talks to. Normally the real one (WebSocket to the session server);
// with `?scripted` in the URL a ScriptedClient that tests drive through
// `window.__klachtcoachScripted` (it only ever shows what the page itself is given).
import { createSessionClient } from '../../session-client/index.ts';
import type { DeviceRole, SessionClient } from '../../session-client/types.ts';
import { ScriptedClient } from './scripted-client.ts';

declare global {
  interface Window {
    __klachtcoachScripted?: ScriptedClient;
  }
}

export function isScripted(search: string): boolean {
  return new URLSearchParams(search).has('scripted');
}

export function openSessionClient(role: DeviceRole): SessionClient {
  if (isScripted(location.search)) {
    const client = new ScriptedClient(role);
    window.__klachtcoachScripted = client;
    return client;
  }
  // The role is decided by the credentials (pairing code or the desktop link), not by the page.
  return createSessionClient();
}
