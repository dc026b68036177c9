// The typed IPC map between the Electron main process and the app's own windows.
//
// Every message crosses a trust boundary (a renderer may be compromised by an XSS), so every
// channel has a zod schema for what comes in and what goes back, and a list of the windows
// that may use it. The main process checks both on every message (main/app/ipc/); the preload
// (main/app/preload.ts) exposes exactly the `CoachBridge` below as `window.coach` and nothing
// else: never raw `ipcRenderer`.
//
// Nothing here imports Electron, so renderers, tests and the main process share it.
import { z } from 'zod';

/** The app's windows; main/app/windows/pages.ts maps each to its page under the app origin. */
export const WindowKind = z.enum(['overlay', 'capture', 'firstrun', 'review']);
export type WindowKind = z.infer<typeof WindowKind>;

/** A device id as `MediaDeviceInfo.deviceId` gives it: opaque, short, printable. */
const DeviceId = z.string().min(1).max(256).regex(/^[\x20-\x7e]+$/, 'printable ASCII only');

/** What the desktop app is doing right now: shown in the overlay, the tray and the first-run page. */
export const AppState = z.object({
  /** `active` between "start call" and "end call". */
  call: z.enum(['idle', 'active']),
  /** Capture is stopped (the audio graph torn down) while paused, even during a call. */
  paused: z.boolean(),
  /** True only while audio is really being captured: active call, not paused. The indicator. */
  capturing: z.boolean(),
  /** The agent opted in to capturing the customer's audio (system loopback) for THIS call. */
  loopbackThisCall: z.boolean(),
  /** Chosen microphone, or null for the system default. */
  micDeviceId: DeviceId.nullable(),
  /** The overlay lets mouse clicks through to the softphone underneath. */
  clickThrough: z.boolean(),
  /** The customer is loud in the agent's microphone: suggest a headset. */
  headsetHint: z.boolean(),
  /** The first-run steps are done (privacy notice read). */
  firstRunDone: z.boolean(),
});
export type AppState = z.infer<typeof AppState>;

export const ModelProgress = z.object({
  model: z.string().min(1).max(100),
  phase: z.enum(['starting', 'downloading', 'verifying', 'done', 'failed']),
  /** 0..1, or null while the size is not known yet. */
  fraction: z.number().min(0).max(1).nullable(),
  /** Human-readable reason when phase is `failed`. */
  message: z.string().max(500).optional(),
});
export type ModelProgress = z.infer<typeof ModelProgress>;

/** Short energy envelopes (RMS per 32 ms frame) of both channels, for the headset hint. */
export const LevelReport = z.object({
  agentRms: z.array(z.number().min(0).max(1)).min(1).max(64),
  customerRms: z.array(z.number().min(0).max(1)).min(1).max(64),
}).refine((r) => r.agentRms.length === r.customerRms.length, 'agentRms and customerRms must be the same length');
export type LevelReport = z.infer<typeof LevelReport>;

const Empty = z.undefined();
const Ok = z.object({ ok: z.literal(true) });

/**
 * Request/response channels (renderer invokes, main answers). `from` lists the windows that may
 * call the channel; a message from any other page, origin or sub-frame is refused.
 */
export const INVOKE = {
  'app:get-state': { request: Empty, response: AppState, from: ['overlay', 'firstrun', 'capture'] },
  'call:start': {
    request: z.object({ loopback: z.boolean() }).strict(),
    response: AppState,
    from: ['overlay'],
  },
  'call:end': { request: Empty, response: AppState, from: ['overlay'] },
  'capture:set-paused': { request: z.object({ paused: z.boolean() }).strict(), response: AppState, from: ['overlay'] },
  'capture:choose-mic': {
    request: z.object({ deviceId: DeviceId.nullable() }).strict(),
    response: AppState,
    from: ['firstrun'],
  },
  'overlay:set-click-through': {
    request: z.object({ enabled: z.boolean() }).strict(),
    response: AppState,
    from: ['overlay', 'firstrun'],
  },
  'firstrun:complete': { request: Empty, response: AppState, from: ['firstrun'] },
  'models:download': {
    request: z.object({ model: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a model name from `klachtcoach models list`') }).strict(),
    response: Ok,
    from: ['firstrun'],
  },
  'pairing:open': { request: Empty, response: Ok, from: ['overlay', 'firstrun'] },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType; from: readonly WindowKind[] }>;

/** One-way messages renderer → main (no answer). */
export const SEND = {
  'capture:levels': { payload: LevelReport, from: ['capture'] },
} as const satisfies Record<string, { payload: z.ZodType; from: readonly WindowKind[] }>;

/** Events main → renderer. The preload validates them too: main is trusted, but typos are not. */
export const EVENTS = {
  'state:changed': AppState,
  'models:progress': ModelProgress,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof INVOKE;
export type SendChannel = keyof typeof SEND;
export type EventChannel = keyof typeof EVENTS;
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof INVOKE)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof INVOKE)[C]['response']>;
export type SendPayload<C extends SendChannel> = z.infer<(typeof SEND)[C]['payload']>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof EVENTS)[C]>;

/** Unsubscribes an event listener. */
export type Unsubscribe = () => void;

/**
 * `window.coach`: the whole surface the app's pages get. Task-specific functions only; a page
 * cannot name an arbitrary channel.
 */
export interface CoachBridge {
  getState(): Promise<AppState>;
  startCall(options: { loopback: boolean }): Promise<AppState>;
  endCall(): Promise<AppState>;
  setPaused(paused: boolean): Promise<AppState>;
  chooseMicrophone(deviceId: string | null): Promise<AppState>;
  setClickThrough(enabled: boolean): Promise<AppState>;
  completeFirstRun(): Promise<AppState>;
  downloadModel(model: string): Promise<{ ok: true }>;
  openPairing(): Promise<{ ok: true }>;
  reportLevels(levels: LevelReport): void;
  onStateChanged(listener: (state: AppState) => void): Unsubscribe;
  onModelProgress(listener: (progress: ModelProgress) => void): Unsubscribe;
}

/** Pages declare `window.coach` as optional: in a plain browser (`npm start` without Electron) it is absent. */
export interface CoachWindow {
  coach?: CoachBridge;
}
