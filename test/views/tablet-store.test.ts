import { describe, expect, it } from 'vitest';
import type { Tip } from '../../main/contracts/protocol.ts';
import { ScriptedClient } from '../../renderer/views/shared/scripted-client.ts';
import { acknowledge, dismiss, connectTabletStore, createTabletStore, HISTORY_LENGTH } from '../../renderer/views/tablet/tablet-store.ts';
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
