import { describe, expect, it } from 'vitest';
import { AppState } from '../../main/contracts/ipc.ts';
import { initialState, preferencesOf, reduce, type AppAction } from '../../main/app/state/app-state.ts';

const start = initialState({ micDeviceId: 'headset-1', clickThrough: false, firstRunDone: true });
const run = (...actions: AppAction[]): AppState => actions.reduce(reduce, start);

describe('app state', () => {
  it('captures nothing until a call starts', () => {
    expect(start).toMatchObject({ call: 'idle', capturing: false, paused: false, loopbackThisCall: false });
    expect(AppState.parse(start)).toEqual(start);
  });

  it('pause stops capture during a call and resume starts it again', () => {
    const inCall = run({ type: 'start-call', loopback: false });
    expect(inCall.capturing).toBe(true);
    const paused = reduce(inCall, { type: 'set-paused', paused: true });
    expect(paused).toMatchObject({ call: 'active', paused: true, capturing: false });
    expect(reduce(paused, { type: 'toggle-pause' }).capturing).toBe(true);
  });

  it('the customer-audio opt-in lasts one call only', () => {
    const withCustomer = run({ type: 'start-call', loopback: true });
    expect(withCustomer.loopbackThisCall).toBe(true);
    const ended = reduce(withCustomer, { type: 'end-call' });
    expect(ended).toMatchObject({ call: 'idle', loopbackThisCall: false, capturing: false });
    expect(reduce(ended, { type: 'start-call', loopback: false }).loopbackThisCall).toBe(false);
  });

  it('starting a call while one runs changes nothing (the opt-in cannot be switched on mid-call)', () => {
    const inCall = run({ type: 'start-call', loopback: false });
    expect(reduce(inCall, { type: 'start-call', loopback: true })).toBe(inCall);
  });

  it('a pause left over from before does not silently block the next call', () => {
    const state = run({ type: 'set-paused', paused: true }, { type: 'start-call', loopback: false });
    expect(state).toMatchObject({ paused: false, capturing: true });
  });

  it('the headset hint shows only during a call and clears when it ends', () => {
    expect(run({ type: 'set-headset-hint', show: true }).headsetHint).toBe(false);
    const hinted = run({ type: 'start-call', loopback: true }, { type: 'set-headset-hint', show: true });
    expect(hinted.headsetHint).toBe(true);
    expect(reduce(hinted, { type: 'end-call' }).headsetHint).toBe(false);
  });

  it('returns the same object for no-op actions, so main skips needless broadcasts', () => {
    expect(reduce(start, { type: 'end-call' })).toBe(start);
    expect(reduce(start, { type: 'choose-mic', deviceId: 'headset-1' })).toBe(start);
    expect(reduce(start, { type: 'set-click-through', enabled: false })).toBe(start);
  });

  it('keeps the chosen microphone, click-through and first-run flag as preferences', () => {
    const state = run({ type: 'choose-mic', deviceId: null }, { type: 'set-click-through', enabled: true });
    expect(preferencesOf(state)).toEqual({ micDeviceId: null, clickThrough: true, firstRunDone: true });
  });

  it('every reachable state satisfies the IPC schema and capturing = active and not paused', () => {
    const actions: AppAction[] = [
      { type: 'start-call', loopback: true }, { type: 'start-call', loopback: false }, { type: 'end-call' },
      { type: 'set-paused', paused: true }, { type: 'set-paused', paused: false }, { type: 'toggle-pause' },
      { type: 'set-headset-hint', show: true }, { type: 'complete-first-run' },
    ];
    // Seeded walk through the state space.
    let seed = 7;
    let state = start;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      state = reduce(state, actions[seed % actions.length]!);
      AppState.parse(state);
      expect(state.capturing).toBe(state.call === 'active' && !state.paused);
      if (state.call === 'idle') expect(state.loopbackThisCall).toBe(false);
    }
  });
});
