// The preload runs against a fake `electron` module: what it exposes, which channels it uses,
// and that events from main are schema-checked before a page sees them.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoachBridge } from '../../main/contracts/ipc.ts';
import { INVOKE, SEND } from '../../main/contracts/ipc.ts';

const exposed: Record<string, unknown> = {};
const invoked: [string, unknown][] = [];
const sent: [string, unknown][] = [];
const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed[name] = api; } },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => { invoked.push([channel, payload]); return Promise.resolve({ ok: true }); },
    send: (channel: string, payload: unknown) => { sent.push([channel, payload]); },
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => { listeners.set(channel, [...(listeners.get(channel) ?? []), fn]); },
    removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn));
    },
  },
}));

const emit = (channel: string, payload: unknown) => { for (const fn of listeners.get(channel) ?? []) fn({}, payload); };
let coach: CoachBridge;

beforeAll(async () => {
  await import('../../main/app/preload.ts');
  coach = exposed.coach as CoachBridge;
});

describe('preload bridge', () => {
  it('exposes one object, `coach`, with exactly the CoachBridge functions and no ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['coach']);
    expect(Object.keys(coach).sort()).toEqual([
      'chooseMicrophone', 'completeFirstRun', 'downloadModel', 'endCall', 'getState', 'onModelProgress', 'onStateChanged',
      'openPairing', 'reportLevels', 'setClickThrough', 'setPaused', 'startCall',
    ]);
    for (const value of Object.values(coach)) expect(typeof value).toBe('function');
  });

  it('uses only channels of the contract, with the contract\'s payload shapes', async () => {
    await coach.startCall({ loopback: true });
    await coach.setPaused(true);
    await coach.getState();
    await coach.downloadModel('whisper-base');
    coach.reportLevels({ agentRms: [0.1], customerRms: [0.2] });
    expect(invoked).toEqual([
      ['call:start', { loopback: true }],
      ['capture:set-paused', { paused: true }],
      ['app:get-state', undefined],
      ['models:download', { model: 'whisper-base' }],
    ]);
    expect(sent).toEqual([['capture:levels', { agentRms: [0.1], customerRms: [0.2] }]]);
    for (const [channel, payload] of invoked) {
      expect(Object.keys(INVOKE)).toContain(channel);
      INVOKE[channel as keyof typeof INVOKE].request.parse(payload);
    }
    for (const [channel] of sent) expect(Object.keys(SEND)).toContain(channel);
  });

  it('drops malformed events from main and stops delivering after unsubscribe', () => {
    const seen: unknown[] = [];
    const off = coach.onModelProgress((p) => seen.push(p));
    emit('models:progress', { model: 'whisper-base', phase: 'downloading', fraction: 0.5 });
    emit('models:progress', { model: 'whisper-base', phase: 'downloading', fraction: 7 });
    emit('models:progress', '<img src=x onerror=alert(1)>');
    off();
    emit('models:progress', { model: 'whisper-base', phase: 'done', fraction: 1 });
    expect(seen).toEqual([{ model: 'whisper-base', phase: 'downloading', fraction: 0.5 }]);
  });
});
