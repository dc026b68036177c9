import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLabelled } from '../../main/rules/evaluate.ts';
import { createCallRecorder, type CallRecorder } from '../../main/store/call-recorder.ts';
import { markedLines } from '../../main/store/marked-lines.ts';
import { markFinding } from '../../main/store/marks.ts';
import { purgeExpired, writeRetention } from '../../main/store/retention.ts';
import { tempStore, textFinding, timingFinding, type TempStore } from './helpers.ts';

const opened: TempStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.cleanup();
});

/** A fresh store with a recorder on it, closed after the test. */
function recording(): { t: TempStore; rec: CallRecorder } {
  const t = tempStore();
  opened.push(t);
  return { t, rec: createCallRecorder(t.store) };
}

describe("supervisors' marks as training lines", () => {
  it('"Terecht" makes a positive, "Onterecht" a negative, each for its own behaviour only', () => {
    const { t, rec } = recording();
    const callId = rec.startCall({ agentId: 'a' });
    const right = rec.recordFinding(callId, textFinding());
    const utterance = { startMs: 10_000, endMs: 12_000, text: 'Ja maar dat had u moeten weten.' };
    const wrongOne = rec.recordFinding(callId, textFinding({ behaviour: 'verwijten', atMs: 12_000, span: { startChar: 8, endChar: 30, text: 'dat had u moeten weten' }, utterance }));
    const rightToo = rec.recordFinding(callId, textFinding({ behaviour: 'verdedigen', atMs: 12_000, span: { startChar: 0, endChar: 7, text: 'Ja maar' }, utterance }));
    const timing = rec.recordFinding(callId, timingFinding());
    rec.recordFinding(callId, textFinding({ atMs: 20_000, utterance: { startMs: 19_000, endMs: 20_000, text: 'dat valt wel mee' } })); // not marked
    markFinding(t.store, right, { verdict: 'right' }, 'sup');
    markFinding(t.store, wrongOne, { verdict: 'wrong' }, 'sup');
    markFinding(t.store, rightToo, { verdict: 'right' }, 'sup');
    markFinding(t.store, timing, { verdict: 'right' }, 'sup');
    const { lines, withoutWords } = markedLines(t.store);
    expect(withoutWords).toBe(0);
    expect(lines).toEqual([
      { id: expect.stringMatching(/^mark-u\d+$/), text: 'dat valt wel mee hoor', labels: ['bagatelliseren'], judged: ['bagatelliseren'] },
      { id: expect.stringMatching(/^mark-u\d+$/), text: 'Ja maar dat had u moeten weten.', labels: ['verdedigen'], judged: ['verwijten', 'verdedigen'] },
    ]);
  });

  it('skips a marked finding whose words retention has erased, and counts it', () => {
    const { t, rec } = recording();
    const callId = rec.startCall({ agentId: 'a' });
    markFinding(t.store, rec.recordFinding(callId, textFinding()), { verdict: 'wrong' }, 'sup');
    writeRetention(t.store, { snippetDays: 1, findingDays: 90 });
    t.clock.ms += 2 * 24 * 3600 * 1000;
    purgeExpired(t.store);
    expect(markedLines(t.store)).toEqual({ lines: [], withoutWords: 1 });
  });

  it('klachtcoach review export-marks writes lines that training and eval read', () => {
    const { t, rec } = recording();
    const callId = rec.startCall({ agentId: 'a' });
    markFinding(t.store, rec.recordFinding(callId, textFinding()), { verdict: 'wrong' }, 'sup');
    const out = join(t.dir, 'marks.jsonl');
    const r = spawnSync(process.execPath, ['scripts/dev-cli.mjs', 'review', 'export-marks', '--db', t.file, '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1 marked line\(s\) written to .*marks\.jsonl\. Train with: npm run train -- --extra/);
    const read = readLabelled(out);
    expect(read.notes).toEqual([]);
    expect(read.items.map((i) => i.value)).toEqual([{ id: expect.any(String), text: 'dat valt wel mee hoor', labels: [], judged: ['bagatelliseren'] }]);
    expect(readFileSync(out, 'utf8').endsWith('\n')).toBe(true);
  });
});
