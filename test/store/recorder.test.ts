import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder, type CallRecorder } from '../../main/store/call-recorder.ts';
import { getCallDetail } from '../../main/store/call-detail.ts';
import { listCalls, listAgents } from '../../main/store/call-list.ts';
import { markFinding } from '../../main/store/marks.ts';
import { readAudit } from '../../main/store/audit-log.ts';
import { StoreError } from '../../main/store/store-error.ts';
import { tempStore, textFinding, timingFinding, T0, type TempStore } from './helpers.ts';

let t: TempStore;
let rec: CallRecorder;
beforeEach(() => {
  t = tempStore();
  rec = createCallRecorder(t.store);
});
afterEach(() => t.cleanup());

describe('call recorder', () => {
  it('opens the database in WAL mode with synchronous=FULL and foreign keys on', () => {
    expect(t.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.store.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(t.store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('records a call with utterances and findings, and reads them back as a timeline', () => {
    const callId = rec.startCall({ agentId: 'agent-7' });
    rec.recordUtterance(callId, { startMs: 0, endMs: 1500, text: 'goedemorgen u spreekt met Sanne' });
    const flagId = rec.recordFinding(callId, textFinding());
    const timingId = rec.recordFinding(callId, timingFinding(), { shown: false });
    rec.recordUtterance(callId, { startMs: 30_000, endMs: 31_000, text: 'later in het gesprek' });
    rec.markAcknowledged(flagId);
    t.clock.ms += 60_000;
    rec.endCall(callId, { agentTalkShare: 0.42 });

    const detail = getCallDetail(t.store, callId)!;
    expect(detail.call).toMatchObject({ agentId: 'agent-7', startedAtMs: T0, endedAtMs: T0 + 60_000, agentTalkShare: 0.42, flags: 2, praise: 0 });
    // The finding's own utterance was kept as a snippet, so three utterances in time order.
    expect(detail.utterances.map((u) => u.text)).toEqual([
      'goedemorgen u spreekt met Sanne', 'dat valt wel mee hoor', 'later in het gesprek',
    ]);
    const flag = detail.findings.find((f) => f.id === flagId)!;
    expect(flag).toMatchObject({ behaviour: 'bagatelliseren', acknowledged: true, shown: true, span: { startChar: 4, endChar: 16, text: 'valt wel mee' } });
    // Words around the flag: within 10 s before and 5 s after, not the one 30 s later.
    const around = detail.utterances.filter((u) => flag.contextUtteranceIds.includes(u.id)).map((u) => u.text);
    expect(around).toEqual(['goedemorgen u spreekt met Sanne', 'dat valt wel mee hoor']);
    const timing = detail.findings.find((f) => f.id === timingId)!;
    expect(timing).toMatchObject({ shown: false, acknowledged: false, rangeMs: { startMs: 8600, endMs: 9000 } });
  });

  it('does not duplicate an utterance the session already recorded', () => {
    const callId = rec.startCall({ agentId: 'a' });
    rec.recordUtterance(callId, { startMs: 3000, endMs: 4100, text: 'dat valt wel mee hoor' });
    rec.recordFinding(callId, textFinding());
    expect(getCallDetail(t.store, callId)!.utterances).toHaveLength(1);
  });

  it('refuses a malformed finding with the field named, and writes nothing', () => {
    const callId = rec.startCall({ agentId: 'a' });
    const bad = { ...textFinding(), behaviour: 'schreeuwen' } as unknown as Parameters<CallRecorder['recordFinding']>[1];
    expect(() => rec.recordFinding(callId, bad)).toThrow(/recordFinding: behaviour:/);
    expect(() => rec.recordUtterance(callId, { startMs: 5, endMs: 1, text: 'x' })).toThrow(/endMs: endMs is before startMs/);
    expect(getCallDetail(t.store, callId)!.findings).toHaveLength(0);
  });

  it('keeps who spoke when, timing only, and refuses a segment that ends before it starts', () => {
    const callId = rec.startCall({ agentId: 'a' });
    rec.recordTurnSegment(callId, { party: 'customer', startMs: 4500.4, endMs: 9000 });
    rec.recordTurnSegment(callId, { party: 'agent', startMs: 1000, endMs: 4100 });
    expect(getCallDetail(t.store, callId)!.turns).toEqual([{ party: 'agent', startMs: 1000, endMs: 4100 }, { party: 'customer', startMs: 4500, endMs: 9000 }]);
    expect(() => rec.recordTurnSegment(callId, { party: 'agent', startMs: 10, endMs: 5 })).toThrow(/recordTurnSegment: endMs: endMs is before startMs/);
    expect(() => rec.recordTurnSegment('nope', { party: 'agent', startMs: 0, endMs: 5 })).toThrow(/call nope is not in the store/);
  });

  it('names the unknown call or finding instead of failing silently', () => {
    expect(() => rec.recordFinding('nope', textFinding())).toThrow(StoreError);
    expect(() => rec.markAcknowledged(999)).toThrow(/finding 999 is not in the store/);
    expect(() => rec.endCall('nope')).toThrow(/call nope is not in the store/);
  });
});

describe('review list and marks', () => {
  function seed(): { ids: string[] } {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = rec.startCall({ agentId: i % 2 === 0 ? 'anna' : 'bram', startedAtMs: T0 + i * 3_600_000 });
      rec.recordFinding(id, i === 3 ? timingFinding() : textFinding());
      if (i === 4) rec.recordFinding(id, textFinding({ kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'nl.begrip', span: undefined, utterance: undefined }));
      ids.push(id);
    }
    return { ids };
  }

  it('lists calls newest first with counts, and filters by date, agent and behaviour', () => {
    const { ids } = seed();
    const all = listCalls(t.store, {});
    expect(all.total).toBe(5);
    expect(all.calls.map((c) => c.id)).toEqual([...ids].reverse());
    expect(all.calls[0]).toMatchObject({ flags: 1, praise: 1 });
    expect(listCalls(t.store, { agentId: 'bram' }).calls.map((c) => c.id)).toEqual([ids[3], ids[1]]);
    expect(listCalls(t.store, { behaviour: 'onderbreken' }).calls.map((c) => c.id)).toEqual([ids[3]]);
    expect(listCalls(t.store, { fromMs: T0 + 3_600_000, toMs: T0 + 3 * 3_600_000 }).calls.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(listCalls(t.store, {}, { limit: 2, offset: 2 }).calls.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(listAgents(t.store)).toEqual(['anna', 'bram']);
  });

  it('stores a mark, replaces it on a second mark, and audits both', () => {
    const { ids } = seed();
    const findingId = getCallDetail(t.store, ids[0]!)!.findings[0]!.id;
    markFinding(t.store, findingId, { verdict: 'right' }, 'sup1');
    markFinding(t.store, findingId, { verdict: 'wrong', comment: 'klant maakte zelf een grapje' }, 'sup2');
    const f = getCallDetail(t.store, ids[0]!)!.findings[0]!;
    expect(f.mark).toMatchObject({ verdict: 'wrong', comment: 'klant maakte zelf een grapje', supervisor: 'sup2' });
    expect(listCalls(t.store, {}).calls.find((c) => c.id === ids[0])!.marked).toBe(1);
    expect(readAudit(t.store).map((a) => `${a.actor} ${a.action} ${a.target}`)).toEqual([
      `sup2 mark:wrong finding:${findingId}`, `sup1 mark:right finding:${findingId}`,
    ]);
    expect(() => markFinding(t.store, 12345, { verdict: 'wrong' }, 'sup1')).toThrow(/finding 12345/);
  });
});
