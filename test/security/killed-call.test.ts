// Issue 15, item 13: a call whose process was killed with kill -9 kept ended_at_ms NULL forever
// and was never sent to the team server. `serve` now closes such calls at their last recorded
// moment when it starts, and queues them like any call that ended.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { openStore } from '../../main/store/open-store.ts';
import { closeStaleCalls } from '../../main/store/stale-calls.ts';
import { tempStore, textFinding, timingFinding } from '../store/helpers.ts';

const built = existsSync('dist/renderer/tablet.html');
if (!built) console.log('killed-call serve test skipped: dist/renderer is not built (npm run build)');

const dir = mkdtempSync(join(tmpdir(), 'kc-killed-'));
let child: ChildProcess | null = null;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('calls left open by a killed process', () => {
  it('are closed at their last utterance or finding; calls that ended are left alone', () => {
    const t = tempStore();
    try {
      const rec = createCallRecorder(t.store);
      const killed = rec.startCall({ agentId: 'anna', startedAtMs: t.clock.ms - 600_000 });
      rec.recordUtterance(killed, { startMs: 1000, endMs: 61_000, text: 'goedemiddag' });
      rec.recordFinding(killed, timingFinding({ atMs: 70_000, rangeMs: { startMs: 69_000, endMs: 72_500 } }));
      const empty = rec.startCall({ agentId: 'anna', startedAtMs: t.clock.ms - 300_000 });
      const ended = rec.startCall({ agentId: 'anna', startedAtMs: t.clock.ms - 900_000 });
      rec.recordFinding(ended, textFinding());
      rec.endCall(ended, { endedAtMs: t.clock.ms - 800_000 });

      expect(closeStaleCalls(t.store)).toEqual([killed, empty]);
      const endOf = (id: string) => t.store.db.prepare('SELECT ended_at_ms - started_at_ms FROM calls WHERE id = ?').pluck().get(id);
      expect(endOf(killed)).toBe(72_500);
      expect(endOf(empty)).toBe(0);
      expect(endOf(ended)).toBe(100_000);
      expect(closeStaleCalls(t.store)).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it.skipIf(!built)('serve closes them when it starts and queues them for the team server', async () => {
    const file = join(dir, 'calls.sqlite');
    const store = openStore(file);
    const rec = createCallRecorder(store);
    const callId = rec.startCall({ agentId: 'anna', startedAtMs: Date.now() - 600_000 });
    rec.recordUtterance(callId, { startMs: 1000, endMs: 45_000, text: 'dat valt wel mee' });
    // Enrolled with a team server that is not there: the call must wait in the outbox.
    const policy = { sharing: 'share-all', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 };
    store.db.prepare(`INSERT INTO team_sync_settings (key, value) VALUES ('enrolment', ?)`).run(JSON.stringify({
      deviceId: 'device-1', agentId: 'agent-1', token: 'dev_test', policy, baseUrl: 'https://127.0.0.1:9',
    }));
    store.close(); // what kill -9 leaves: everything committed, no end.

    child = spawn(process.execPath, ['scripts/dev-cli.mjs', 'serve', '--local', '--port', '0', '--db', file, '--agent', 'anna'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    await vi.waitFor(() => expect(output).toContain('Klachtcoach live session'), { timeout: 30_000, interval: 200 });
    expect(output).toContain('1 call(s) were left open by an interrupted run');

    const check = openStore(file);
    try {
      expect(check.db.prepare('SELECT ended_at_ms - started_at_ms FROM calls WHERE id = ?').pluck().get(callId)).toBe(45_000);
      const queued = check.db.prepare(`SELECT payload FROM team_outbox WHERE type = 'call' AND id = ?`).pluck().get(callId) as string;
      expect(JSON.parse(queued)).toMatchObject({ id: callId, endedAt: expect.any(String), summary: { durationMs: 45_000 } });
    } finally {
      check.close();
    }
  }, 40_000);
});
