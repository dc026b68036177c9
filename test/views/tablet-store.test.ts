import { describe, expect, it } from 'vitest';
import type { Tip } from '../../main/contracts/protocol.ts';
import { ScriptedClient } from '../../renderer/views/shared/scripted-client.ts';
import { acknowledge, dismiss, connectTabletStore, createTabletStore, HISTORY_LENGTH, tipFaded } from '../../renderer/views/tablet/tablet-store.ts';
import { callMsNow, MAX_EXTRAPOLATION_MS } from '../../renderer/views/shared/call-clock.ts';
import { hasFaded } from '../../renderer/views/shared/tip-view.ts';
import { connectOverlayStore, createOverlayStore, toggleCapture } from '../../renderer/views/overlay/overlay-store.ts';

const tip = (id: string, atMs: number, over: Partial<Tip> = {}): Tip => ({
  id, kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.r', atMs, tip: 'Spreek namens jezelf.', severity: 'medium', source: 'text', ...over,
});

function setup() {
  const store = createTabletStore('nl');
  const client = new ScriptedClient('viewer');
  const off = connectTabletStore(store, client);
  return { store, client, off };
}

describe('tablet store', () => {
  it('shows the newest tip and moves the previous one to history', () => {
    const { store, client } = setup();
    client.emit('tip', tip('a', 1_000));
    client.emit('tip', tip('b', 2_000));
    expect(store.getState().current?.id).toBe('b');
    expect(store.getState().history.map((h) => [h.tip.id, h.outcome])).toEqual([['a', 'shown']]);
  });

  it('puts a tip replayed after reconnect that is older than the one on screen into history, once', () => {
    const { store, client } = setup();
    client.emit('tip', tip('b', 2_000));
    client.emit('tip', tip('a', 1_000));
    client.emit('tip', tip('a', 1_000));
    client.emit('tip', tip('b', 2_000));
    expect(store.getState().current?.id).toBe('b');
    expect(store.getState().history.map((h) => h.tip.id)).toEqual(['a']);
  });

  it('acknowledging clears the tip here and tells the server', () => {
    const { store, client } = setup();
    client.emit('tip', tip('a', 1_000));
    acknowledge(store, client, 'a');
    expect(store.getState().current).toBeNull();
    expect(store.getState().history[0]).toMatchObject({ outcome: 'ack' });
    expect(client.calls).toEqual([{ method: 'ack', args: ['a'] }]);
  });

  it('"niet nu" clears the tip and tells the server it was dismissed', () => {
    const { store, client } = setup();
    client.emit('tip', tip('a', 1_000));
    dismiss(store, client, 'a');
    expect(store.getState().current).toBeNull();
    expect(client.calls).toEqual([{ method: 'dismiss', args: ['a'] }]);
  });

  it('an ack from another device clears the tip on screen', () => {
    const { store, client } = setup();
    client.emit('tip', tip('a', 1_000));
    client.emit('tip:cleared', { tipId: 'a', by: 'dismiss' });
    expect(store.getState().current).toBeNull();
    expect(store.getState().history[0]).toMatchObject({ outcome: 'dismiss' });
  });

  it('a tip whose moment has passed leaves the screen for the history; "niet nu" and expiry are told apart', () => {
    const { store, client } = setup();
    client.emit('tip', tip('a', 1_000, { fadesAtMs: 16_000 }));
    expect(hasFaded(store.getState().current!, 15_999)).toBe(false);
    expect(hasFaded(store.getState().current!, 16_000)).toBe(true);
    tipFaded(store, 'a');
    client.emit('tip', tip('b', 20_000));
    dismiss(store, client, 'b');
    client.emit('tip', tip('c', 40_000));
    client.emit('tip:cleared', { tipId: 'c', by: 'expired' });
    expect(store.getState().current).toBeNull();
    expect(store.getState().history.map((h) => [h.tip.id, h.outcome])).toEqual([['c', 'expired'], ['b', 'dismiss'], ['a', 'expired']]);
  });

  it('keeps the call clock from the live state, counting on a little between updates', () => {
    const { store, client } = setup();
    expect(callMsNow(store.getState().live, 0)).toBeNull();
    client.emit('live', { callId: 'c', callMs: 60_000, capture: 'on', speaking: { agent: false, customer: false }, agentTalkShare: null });
    const received = store.getState().live!;
    expect(callMsNow(received, received.receivedAtMs + 800)).toBe(60_800);
    // A stalled connection does not invent a minute of call.
    expect(callMsNow(received, received.receivedAtMs + 60_000)).toBe(60_000 + MAX_EXTRAPOLATION_MS);
    client.emit('live', { callId: null, callMs: 0, capture: 'off', speaking: { agent: false, customer: false }, agentTalkShare: null });
    expect(callMsNow(store.getState().live, performance.now())).toBeNull();
  });

  it('keeps the history short and newest first', () => {
    const { store, client } = setup();
    for (let i = 0; i < HISTORY_LENGTH + 3; i++) client.emit('tip', tip(`t${i}`, i * 1_000));
    const ids = store.getState().history.map((h) => h.tip.id);
    expect(ids).toHaveLength(HISTORY_LENGTH);
    expect(ids[0]).toBe(`t${HISTORY_LENGTH + 1}`);
  });

  it('a new call starts clean; the end of a call shows the summary', () => {
    const { store, client } = setup();
    client.emit('tip', tip('a', 1_000));
    client.emit('call:end', { callId: 'c', durationMs: 60_000, agentTalkShare: 0.5, tips: [tip('a', 1_000)] });
    expect(store.getState().summary?.callId).toBe('c');
    expect(store.getState().current).toBeNull();
    client.emit('call:start', { callId: 'd' });
    expect(store.getState()).toMatchObject({ summary: null, current: null, history: [] });
  });

  it('forgets the call on revoke, and stops listening when disconnected from the client', () => {
    const { store, client, off } = setup();
    client.emit('tip', tip('a', 1_000));
    client.emit('tip', tip('b', 2_000));
    client.emit('status', { status: 'reconnecting' });
    expect(store.getState().current?.id).toBe('b');
    client.emit('status', { status: 'revoked', detail: 'revoked by agent' });
    expect(store.getState()).toMatchObject({ status: 'revoked', statusDetail: 'revoked by agent', current: null, history: [] });
    off();
    client.emit('tip', tip('a', 1_000));
    expect(store.getState().current).toBeNull();
  });

  it('refuses a malformed tip at the client boundary', () => {
    const { store, client } = setup();
    expect(() => client.emit('tip', { ...tip('a', 1_000), behaviour: 'shouting' } as unknown as Tip)).toThrow();
    expect(store.getState().current).toBeNull();
  });
});

describe('overlay store', () => {
  it('pause asks the server to pause; resume asks to resume', () => {
    const store = createOverlayStore('nl');
    const client = new ScriptedClient('desktop');
    connectOverlayStore(store, client);
    const live = { callId: 'c', callMs: 1, capture: 'on' as const, speaking: { agent: true, customer: false }, agentTalkShare: 0.4 };
    client.emit('live', live);
    toggleCapture(store, client);
    client.emit('live', { ...live, capture: 'paused' });
    toggleCapture(store, client);
    expect(client.calls).toEqual([{ method: 'setCapture', args: ['paused'] }, { method: 'setCapture', args: ['on'] }]);
  });
});
