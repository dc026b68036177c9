import { describe, expect, it, vi } from 'vitest';
import { AppState, INVOKE, SEND, type WindowKind } from '../../main/contracts/ipc.ts';
import { createInvokeRouter, createSendRouter, IpcRefused, type InvokeHandlers } from '../../main/app/ipc/router.ts';
import { WindowRegistry, type SenderInfo } from '../../main/app/ipc/sender.ts';
import { initialState, reduce } from '../../main/app/state/app-state.ts';

const origin = 'http://127.0.0.1:43123';

function setUp() {
  const registry = new WindowRegistry();
  const ids: Record<WindowKind, number> = { overlay: 1, capture: 2, firstrun: 3, review: 4 };
  for (const [kind, id] of Object.entries(ids) as [WindowKind, number][]) registry.add(id, kind);
  let state = initialState({ micDeviceId: null, clickThrough: false, firstRunDone: true });
  const calls: string[] = [];
  const handlers: InvokeHandlers = {
    'app:get-state': () => state,
    'call:start': ({ loopback }) => { calls.push(`start:${loopback}`); return (state = reduce(state, { type: 'start-call', loopback })); },
    'call:end': () => (state = reduce(state, { type: 'end-call' })),
    'capture:set-paused': ({ paused }) => (state = reduce(state, { type: 'set-paused', paused })),
    'capture:choose-mic': ({ deviceId }) => (state = reduce(state, { type: 'choose-mic', deviceId })),
    'overlay:set-click-through': ({ enabled }) => (state = reduce(state, { type: 'set-click-through', enabled })),
    'firstrun:complete': () => (state = reduce(state, { type: 'complete-first-run' })),
    'models:download': ({ model }) => { calls.push(`download:${model}`); return { ok: true as const }; },
    'pairing:open': () => ({ ok: true as const }),
  };
  const invoke = createInvokeRouter(handlers, { appOrigin: () => origin, registry });
  const from = (kind: WindowKind, overrides: Partial<SenderInfo> = {}): SenderInfo => ({
    frameUrl: `${origin}/${kind}.html`, isMainFrame: true, webContentsId: ids[kind], ...overrides,
  });
  return { invoke, from, calls, registry, getState: () => state };
}

describe('IPC: the contract', () => {
  it('every invoke and send channel names the windows allowed to use it, and the review page none', () => {
    for (const spec of [...Object.values(INVOKE), ...Object.values(SEND)]) {
      expect(spec.from.length).toBeGreaterThan(0);
      expect(spec.from).not.toContain('review');
    }
  });
});

describe('IPC: valid messages reach their handler', () => {
  it('the overlay starts a call and pauses it; answers match the AppState schema', async () => {
    const { invoke, from } = setUp();
    const started = AppState.parse(await invoke('call:start', from('overlay'), { loopback: true }));
    expect(started).toMatchObject({ call: 'active', capturing: true, loopbackThisCall: true });
    const pausedState = AppState.parse(await invoke('capture:set-paused', from('overlay'), { paused: true }));
    expect(pausedState.capturing).toBe(false);
  });

  it('the capture page may read the state', async () => {
    const { invoke, from } = setUp();
    await expect(invoke('app:get-state', from('capture'), undefined)).resolves.toMatchObject({ call: 'idle' });
  });
});

describe('IPC: sender checks', () => {
  it.each([
    ['a channel the window may not use (capture page starts a call)', 'capture', {}, /capture window may not use/],
    ['a sub-frame of the overlay', 'overlay', { isMainFrame: false }, /sub-frames/],
    ['a frame that is gone', 'overlay', { frameUrl: null }, /gone/],
    ['the overlay window navigated to another origin', 'overlay', { frameUrl: 'https://evil.example/overlay.html' }, /not one of the app's pages/],
    ['the same page on another port', 'overlay', { frameUrl: 'http://127.0.0.1:1/overlay.html' }, /not one of the app's pages/],
    ['the overlay window now showing the review page', 'overlay', { frameUrl: `${origin}/review/` }, /now shows the review page/],
    ['a webContents the app did not create', 'overlay', { webContentsId: 99 }, /not a Klachtcoach window/],
  ] as const)('refuses %s', async (_name, kind, overrides, reason) => {
    const { invoke, from, calls } = setUp();
    const attempt = invoke('call:start', from(kind, overrides), { loopback: false });
    await expect(attempt).rejects.toBeInstanceOf(IpcRefused);
    await expect(attempt).rejects.toThrow(reason);
    expect(calls).toEqual([]);
  });

  it('refuses a window after it was closed (its id is unregistered)', async () => {
    const { invoke, from, registry } = setUp();
    registry.remove(1);
    await expect(invoke('app:get-state', from('overlay'), undefined)).rejects.toThrow(/not a Klachtcoach window/);
  });
});

describe('IPC: payload validation', () => {
  it.each([
    ['unknown channel', 'shell:open-external', { url: 'https://evil.example' }, /unknown channel/],
    ['prototype name as channel', '__proto__', {}, /unknown channel/],
    ['missing field', 'call:start', {}, /loopback/],
    ['wrong type', 'call:start', { loopback: 'yes' }, /loopback/],
    ['extra field', 'call:start', { loopback: true, evil: 1 }, /evil|Unrecognized/i],
    ['payload where none is expected', 'call:end', { force: true }, /payload/],
    ['a path as model name', 'models:download', { model: '../../etc/passwd' }, /model/],
    ['an over-long device id', 'capture:choose-mic', { deviceId: 'x'.repeat(1000) }, /deviceId/],
    ['a control character in a device id', 'capture:choose-mic', { deviceId: 'mic\u0000' }, /deviceId/],
  ] as const)('refuses %s', async (_name, channel, payload, reason) => {
    const { invoke, from, calls } = setUp();
    const sender = channel === 'models:download' || channel === 'capture:choose-mic' ? from('firstrun') : from('overlay');
    const attempt = invoke(channel, sender, payload);
    await expect(attempt).rejects.toBeInstanceOf(IpcRefused);
    await expect(attempt).rejects.toThrow(reason);
    expect(calls).toEqual([]);
  });

  it('refuses an answer from main that breaks the contract (a bug must not leak odd data)', async () => {
    const registry = new WindowRegistry();
    registry.add(1, 'overlay');
    const broken = createInvokeRouter({ 'app:get-state': () => ({ call: 'ringing' }) } as unknown as InvokeHandlers, { appOrigin: () => origin, registry });
    await expect(broken('app:get-state', { frameUrl: `${origin}/overlay.html`, isMainFrame: true, webContentsId: 1 }, undefined))
      .rejects.toThrow(/invalid answer: call/);
  });
});

describe('IPC: one-way messages', () => {
  const registry = new WindowRegistry();
  registry.add(2, 'capture');
  registry.add(1, 'overlay');
  const capture: SenderInfo = { frameUrl: `${origin}/capture.html?autostart=1`, isMainFrame: true, webContentsId: 2 };

  it('delivers valid level reports from the capture page only, and reports refusals', () => {
    const levels = vi.fn();
    const refused: IpcRefused[] = [];
    const send = createSendRouter({ 'capture:levels': levels }, { appOrigin: () => origin, registry }, (e) => refused.push(e));
    expect(send('capture:levels', capture, { agentRms: [0.1, 0.2], customerRms: [0.3, 0.1] })).toBe(true);
    expect(levels).toHaveBeenCalledWith({ agentRms: [0.1, 0.2], customerRms: [0.3, 0.1] }, 'capture');

    expect(send('capture:levels', { ...capture, frameUrl: `${origin}/overlay.html`, webContentsId: 1 }, { agentRms: [0], customerRms: [0] })).toBe(false);
    expect(send('capture:levels', capture, { agentRms: [0.1], customerRms: [0.1, 0.2] })).toBe(false);
    expect(send('capture:levels', capture, { agentRms: [2], customerRms: [0.1] })).toBe(false);
    expect(send('capture:levels', capture, { agentRms: new Array(65).fill(0), customerRms: new Array(65).fill(0) })).toBe(false);
    expect(send('capture:raw', capture, {})).toBe(false);
    expect(levels).toHaveBeenCalledTimes(1);
    expect(refused.map((e) => e.channel)).toEqual(['capture:levels', 'capture:levels', 'capture:levels', 'capture:levels', 'capture:raw']);
  });
});
