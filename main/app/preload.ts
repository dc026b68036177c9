// The preload of the app's windows (bundled to dist/app/preload.cjs; sandboxed preloads must be
// CommonJS). It exposes exactly one object, `window.coach`, with task-specific functions that
// satisfy `CoachBridge` from main/contracts/ipc.ts. Pages never get `ipcRenderer` itself, cannot
// name a channel, and every event from main is schema-checked before a page sees it.
// The main process checks the sender and the payload of every message again (main/app/ipc/).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENTS, type AppState, type CoachBridge, type EventChannel, type EventPayload, type InvokeChannel,
  type InvokeRequest, type InvokeResponse, type LevelReport, type ModelProgress, type Unsubscribe,
} from '../contracts/ipc.ts';

function invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
  return ipcRenderer.invoke(channel, request) as Promise<InvokeResponse<C>>;
}

function subscribe<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): Unsubscribe {
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
    const parsed = EVENTS[channel].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<C>);
    else console.error(`klachtcoach: ignored malformed ${channel} event`);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const coach = {
  getState: () => invoke('app:get-state', undefined),
  startCall: (options: { loopback: boolean }) => invoke('call:start', { loopback: options.loopback }),
  endCall: () => invoke('call:end', undefined),
  setPaused: (paused: boolean) => invoke('capture:set-paused', { paused }),
  chooseMicrophone: (deviceId: string | null) => invoke('capture:choose-mic', { deviceId }),
  setClickThrough: (enabled: boolean) => invoke('overlay:set-click-through', { enabled }),
  completeFirstRun: () => invoke('firstrun:complete', undefined),
  downloadModel: (model: string) => invoke('models:download', { model }),
  openPairing: () => invoke('pairing:open', undefined),
  reportLevels: (levels: LevelReport) => {
    ipcRenderer.send('capture:levels', levels);
  },
  onStateChanged: (listener: (state: AppState) => void) => subscribe('state:changed', listener),
  onModelProgress: (listener: (progress: ModelProgress) => void) => subscribe('models:progress', listener),
} satisfies CoachBridge;

contextBridge.exposeInMainWorld('coach', coach);
