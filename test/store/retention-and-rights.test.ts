import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder, type CallRecorder } from '../../main/store/call-recorder.ts';
import { getCallDetail } from '../../main/store/call-detail.ts';
import { listCalls } from '../../main/store/call-list.ts';
import { markFinding } from '../../main/store/marks.ts';
import { DEFAULT_RETENTION, purgeExpired, readRetention, startAutomaticPurge, writeRetention } from '../../main/store/retention.ts';
import { deleteCall, exportAgentData } from '../../main/store/agent-data.ts';
import { ruleStats, formatRuleStats } from '../../main/store/rule-stats.ts';
import { exportFindingsCsv, csvCell } from '../../main/store/csv-export.ts';
import { weeklyTrends, weekStartMs } from '../../main/store/trends.ts';
import { setAgentReply } from '../../main/store/agent-replies.ts';
import { tempStore, textFinding, timingFinding, T0, type TempStore } from './helpers.ts';

const DAY = 86_400_000;
let t: TempStore;
let rec: CallRecorder;
beforeEach(() => {
  t = tempStore();
  rec = createCallRecorder(t.store);
});
afterEach(() => t.cleanup());

describe('retention', () => {
  it('defaults to snippets 30 days and findings 90 days', () => {
    expect(readRetention(t.store)).toEqual({ snippetDays: 30, findingDays: 90 });
    expect(DEFAULT_RETENTION).toEqual({ snippetDays: 30, findingDays: 90 });
  });

  it('erases words after the snippet period, findings and who spoke when after the finding period, then the empty call', () => {
    const callId = rec.startCall({ agentId: 'a' });
    rec.recordFinding(callId, textFinding());
    rec.recordTurnSegment(callId, { party: 'agent', startMs: 3000, endMs: 4100 });
    rec.recordTurnSegment(callId, { party: 'customer', startMs: 4500, endMs: 9000 });
    t.clock.ms += 29 * DAY;
    expect(purgeExpired(t.store)).toEqual({ snippetsErased: 0, findingsDeleted: 0, turnSegmentsDeleted: 0, callsDeleted: 0, outboxItemsDeleted: 0, outboxWordsErased: 0, practiceRoundsDeleted: 0, practiceWordsErased: 0 });

    t.clock.ms += 2 * DAY; // day 31
    expect(purgeExpired(t.store)).toEqual({ snippetsErased: 2, findingsDeleted: 0, turnSegmentsDeleted: 0, callsDeleted: 0, outboxItemsDeleted: 0, outboxWordsErased: 0, practiceRoundsDeleted: 0, practiceWordsErased: 0 });
    const detail = getCallDetail(t.store, callId)!;
    // The timing stays as long as the findings: only the words go after the snippet period.
    expect(detail.turns).toEqual([{ party: 'agent', startMs: 3000, endMs: 4100 }, { party: 'customer', startMs: 4500, endMs: 9000 }]);
    expect(detail.utterances[0]!.text).toBeNull();
    expect(detail.findings[0]!.span).toMatchObject({ startChar: 4, endChar: 16, text: null });
    expect(detail.findings[0]!.tip).toMatch(/begrip/); // the tip is rule data, not the agent's words

    t.clock.ms += 60 * DAY; // day 91
    expect(purgeExpired(t.store)).toEqual({ snippetsErased: 0, findingsDeleted: 1, turnSegmentsDeleted: 2, callsDeleted: 1, outboxItemsDeleted: 0, outboxWordsErased: 0, practiceRoundsDeleted: 0, practiceWordsErased: 0 });
    expect(getCallDetail(t.store, callId)).toBeNull();
  });

  it('erases the evidence words with the snippets, keeps the agent\'s reply with the finding', () => {
    const callId = rec.startCall({ agentId: 'a' });
    const id = rec.recordFinding(callId, textFinding({ evidence: [{ startChar: 4, endChar: 16, text: 'valt wel mee' }], confidence: 0.8, origin: 'both' }));
    setAgentReply(t.store, callId, id, 'Ik had dit al uitgelegd.');
    expect(getCallDetail(t.store, callId)!.findings[0]!.evidence).toEqual([{ startChar: 4, endChar: 16, text: 'valt wel mee' }]);
    t.clock.ms += 31 * DAY;
    purgeExpired(t.store);
    const f = getCallDetail(t.store, callId)!.findings[0]!;
    expect(f.evidence).toBeNull();
    expect(f).toMatchObject({ confidence: 0.8, origin: 'both', reply: { text: 'Ik had dit al uitgelegd.' } });
  });

  it('counts findings held back for lower certainty apart from flags and praise', () => {
    const callId = rec.startCall({ agentId: 'a' });
    rec.recordFinding(callId, textFinding());
    rec.recordFinding(callId, textFinding({ atMs: 9_000, confidence: 0.2 }), { shown: false, heldReason: 'low-confidence' });
    rec.recordFinding(callId, textFinding({ atMs: 12_000 }), { shown: false, heldReason: 'cooldown' });
    expect(listCalls(t.store, {}).calls[0]).toMatchObject({ flags: 2, praise: 0, lowConfidence: 1 });
  });

  it('follows a configured policy and rejects a contradictory one', () => {
    writeRetention(t.store, { snippetDays: 7, findingDays: 14 });
    const callId = rec.startCall({ agentId: 'a' });
    rec.recordFinding(callId, textFinding());
    t.clock.ms += 8 * DAY;
    expect(purgeExpired(t.store).snippetsErased).toBe(2);
    expect(() => writeRetention(t.store, { snippetDays: 60, findingDays: 30 })).toThrow(/findingDays: findings must be kept at least as long as snippets/);
    expect(readRetention(t.store)).toEqual({ snippetDays: 7, findingDays: 14 });
  });

  it('purges by itself when started, without keeping the process alive', () => {
    const callId = rec.startCall({ agentId: 'a' });
    rec.recordFinding(callId, textFinding());
    t.clock.ms += 100 * DAY;
    const stop = startAutomaticPurge(t.store, { intervalMs: 60_000 });
    stop();
    expect(getCallDetail(t.store, callId)).toBeNull();
  });
});

describe("agent's own data", () => {
  it('exports every call of one agent as JSON and nothing of another agent', () => {
    const mine = rec.startCall({ agentId: 'anna' });
    rec.recordFinding(mine, textFinding());
    const other = rec.startCall({ agentId: 'bram' });
    rec.recordFinding(other, timingFinding());
    const exported = exportAgentData(t.store, 'anna');
    expect(exported).toMatchObject({ format: 'klachtcoach-agent-export', version: 1, agentId: 'anna' });
    expect(exported.calls.map((c) => c.call.id)).toEqual([mine]);
    expect(JSON.parse(JSON.stringify(exported)).calls[0].utterances[0].text).toBe('dat valt wel mee hoor');
  });

  it('deletes a call with its utterances, findings, marks and turn segments', () => {
    const callId = rec.startCall({ agentId: 'anna' });
    const fid = rec.recordFinding(callId, textFinding());
    rec.recordTurnSegment(callId, { party: 'customer', startMs: 0, endMs: 900 });
    markFinding(t.store, fid, { verdict: 'wrong' }, 'sup');
    deleteCall(t.store, callId, 'anna');
    const counts = t.store.db.prepare('SELECT (SELECT COUNT(*) FROM utterances) u, (SELECT COUNT(*) FROM findings) f, (SELECT COUNT(*) FROM marks) m, (SELECT COUNT(*) FROM turn_segments) s').get();
    expect(counts).toEqual({ u: 0, f: 0, m: 0, s: 0 });
    expect(() => deleteCall(t.store, callId, 'anna')).toThrow(/is not in the store/);
  });
});

describe('rule stats, CSV and trends', () => {
  it('counts per rule how often it fired and was marked wrong', () => {
    const callId = rec.startCall({ agentId: 'a' });
    const a1 = rec.recordFinding(callId, textFinding());
    const a2 = rec.recordFinding(callId, textFinding({ atMs: 5000 }));
    rec.recordFinding(callId, textFinding({ atMs: 6000 }));
    const b1 = rec.recordFinding(callId, timingFinding());
    markFinding(t.store, a1, { verdict: 'wrong' }, 's');
    markFinding(t.store, a2, { verdict: 'right' }, 's');
    markFinding(t.store, b1, { verdict: 'right' }, 's');
    const stats = ruleStats(t.store);
    expect(stats).toEqual([
      { ruleId: 'nl.bagatelliseren.valt-wel-mee', behaviour: 'bagatelliseren', kind: 'flag', fired: 3, marked: 2, markedWrong: 1, wrongRate: 0.5 },
      { ruleId: 'timing.overlap.interrupt', behaviour: 'onderbreken', kind: 'flag', fired: 1, marked: 1, markedWrong: 0, wrongRate: 0 },
    ]);
    expect(formatRuleStats(stats)).toMatch(/nl\.bagatelliseren\.valt-wel-mee\s+bagatelliseren\s+flag\s+3\s+2\s+1\s+50%/);
  });

  it('exports findings as CSV, quoting commas and neutralising formulas', () => {
    const callId = rec.startCall({ agentId: 'anna' });
    rec.recordFinding(callId, textFinding({ span: { startChar: 0, endChar: 9, text: '=HYPERLINK("x")' }, tip: 'Zeg: "sorry", echt.' }));
    rec.recordFinding(callId, textFinding({ atMs: 9_000, headline: 'Toon begrip', confidence: 0.25, origin: 'model' }), { shown: false, heldReason: 'low-confidence' });
    const csv = exportFindingsCsv(t.store, {});
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'call_id,agent_id,call_started_utc,kind,behaviour,behaviour_name,rule_id,at_ms,severity,source,tip,words,shown,acknowledged,'
      + 'verdict,comment,marked_by,headline,say,confidence,origin,not_shown_because,tip_outcome,agent_reply',
    );
    // The behaviour's one Dutch name, as the screens show it, beside its id.
    expect(lines[1]).toContain(`${callId},anna,2026-11-23T09:00:00.000Z,flag,bagatelliseren,Het probleem klein maken,`);
    expect(lines[1]).toContain('"Zeg: ""sorry"", echt."');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toMatch(/,no,no,,,,Toon begrip,,0\.25,model,low-confidence,,$/);
    expect(csvCell('-1')).toBe("'-1");
    expect(exportFindingsCsv(t.store, { agentId: 'bram' }).split('\r\n')).toHaveLength(2); // header + final CRLF
  });

  it('counts findings per behaviour per week, with calls per week', () => {
    expect(new Date(weekStartMs(Date.UTC(2026, 10, 29, 23))).toISOString()).toBe('2026-11-23T00:00:00.000Z'); // Sunday → Monday before
    expect(new Date(weekStartMs(Date.UTC(2026, 10, 23, 0))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    const thisWeek = rec.startCall({ agentId: 'a', startedAtMs: T0 });
    rec.recordFinding(thisWeek, textFinding());
    rec.recordFinding(thisWeek, textFinding({ atMs: 7000 }));
    const lastWeek = rec.startCall({ agentId: 'a', startedAtMs: T0 - 7 * DAY });
    const f = rec.recordFinding(lastWeek, textFinding());
    markFinding(t.store, f, { verdict: 'wrong' }, 's');
    rec.startCall({ agentId: 'b', startedAtMs: T0 - 7 * DAY });
    const trends = weeklyTrends(t.store, { weeks: 3 });
    expect(trends.weeks).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(trends.callsPerWeek).toEqual([0, 2, 1]);
    expect(trends.series).toEqual([{ behaviour: 'bagatelliseren', kind: 'flag', counts: [0, 1, 2], markedWrong: [0, 1, 0] }]);
    expect(weeklyTrends(t.store, { weeks: 3, agentId: 'b' }).callsPerWeek).toEqual([0, 1, 0]);
    expect(listCalls(t.store, {}).total).toBe(3);
  });
});
