// A simulated desktop: an in-memory SQLite file with the outbox, and a generator of the calls
// and findings an agent's day would produce, with ids made on the desktop like the app does.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Finding } from '../../../main/contracts/finding.ts';
import type { TurnSegment } from '../../../main/contracts/turn-segments.ts';
import { TeamSync, type CallRecord, type FindingRecord, type TeamSyncOptions } from '../../../main/sync/team-sync.ts';
import { serverItemId } from '../../../main/team/sync-contract.ts';

export interface SimulatedDesktop {
  db: Database.Database;
  sync: TeamSync;
  calls: CallRecord[];
  findings: FindingRecord[];
}

export function openDesktop(options: TeamSyncOptions = {}): SimulatedDesktop {
  const db = new Database(':memory:');
  return { db, sync: new TeamSync(db, options), calls: [], findings: [] };
}

const SAMPLE: Finding[] = [
  {
    kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.Verschuilen.Directie', atMs: 12_000, severity: 'medium', source: 'text',
    tip: 'Neem zelf eigenaarschap: "Ik ga dit voor u regelen."',
    span: { startChar: 0, endChar: 19, text: 'de directie vindt' },
    utterance: { startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' },
    rangeMs: { startMs: 11_000, endMs: 13_000 },
  },
  {
    kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'nl.Begrip.Vervelend', atMs: 30_000, severity: 'info', source: 'text',
    tip: 'Goed: u toonde begrip.',
    span: { startChar: 0, endChar: 22, text: 'wat vervelend voor u' },
    utterance: { startMs: 29_000, endMs: 31_000, text: 'wat vervelend voor u dat dit gebeurt' },
    rangeMs: { startMs: 29_000, endMs: 31_000 },
  },
  {
    kind: 'flag', behaviour: 'onderbreken', ruleId: 'nl.Timing.Onderbreken', atMs: 45_000, severity: 'high', source: 'timing',
    tip: 'Laat de klant uitpraten.', rangeMs: { startMs: 44_000, endMs: 45_500 },
  },
];

/** Who spoke when in every simulated call: the customer cut off at 45.5 s by the agent coming in at 44 s. */
export const SAMPLE_TURNS: TurnSegment[] = [
  { party: 'customer', startMs: 1_000, endMs: 10_500 },
  { party: 'agent', startMs: 11_000, endMs: 13_000 },
  { party: 'customer', startMs: 14_000, endMs: 45_500 },
  { party: 'agent', startMs: 44_000, endMs: 52_000 },
];

/** Queues `calls` calls with `findingsPerCall` findings each; returns what was queued. */
export function produceCalls(d: SimulatedDesktop, calls: number, findingsPerCall: number, startMs = Date.now() - 3_600_000): void {
  for (let c = 0; c < calls; c++) {
    const startedAt = new Date(startMs + c * 600_000);
    const call: CallRecord = {
      id: randomUUID(),
      startedAt: startedAt.toISOString(),
      endedAt: new Date(startedAt.getTime() + 300_000).toISOString(),
      summary: { durationMs: 300_000, flagCount: findingsPerCall, praiseCount: 0 },
      turns: SAMPLE_TURNS,
    };
    d.calls.push(call);
    d.sync.recordCall(call);
    for (let i = 0; i < findingsPerCall; i++) {
      const finding = { ...SAMPLE[i % SAMPLE.length]!, atMs: 10_000 + i * 1000 };
      const record: FindingRecord = { id: randomUUID(), callId: call.id, occurredAt: new Date(startedAt.getTime() + finding.atMs).toISOString(), finding };
      d.findings.push(record);
      if (d.sync.recordFinding(record) === 'awaiting-agent') d.sync.shareFinding(record);
    }
  }
}

/** The id one of this desktop's items has on the team server (scoped to the desktop). */
export function serverId(d: SimulatedDesktop, desktopId: string): string {
  return serverItemId(d.sync.enrolment!.deviceId, desktopId);
}
