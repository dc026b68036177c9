// Registers the routers (router.ts) with ipcMain. Every channel of the contract gets a handler;
// each reads the sender from the event and lets the router decide.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { INVOKE, SEND } from '../../contracts/ipc.ts';
import { createInvokeRouter, createSendRouter, type InvokeHandlers, type RouterContext, type SendHandlers } from './router.ts';
import type { SenderInfo } from './sender.ts';

function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null, webContentsId: event.sender.id };
}

export function installIpc(invoke: InvokeHandlers, send: SendHandlers, ctx: RouterContext, log: (line: string) => void): void {
  const handleInvoke = createInvokeRouter(invoke, ctx);
  for (const channel of Object.keys(INVOKE)) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      try {
        return await handleInvoke(channel, senderOf(event), payload);
      } catch (error) {
        log(error instanceof Error ? error.message : String(error));
        throw error;
      }
    });
  }
  const handleSend = createSendRouter(send, ctx, (refused) => log(refused.message));
  for (const channel of Object.keys(SEND)) {
    ipcMain.on(channel, (event, payload: unknown) => {
      handleSend(channel, senderOf(event), payload);
    });
  }
}
