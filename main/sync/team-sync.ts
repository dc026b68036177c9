// The desktop's side of the team server, as the app uses it: enrol once with a code, then hand
// over calls, findings, marks and the agent's share/withdraw choices; they go to the outbox and
// the syncer sends them in the background. The enrolment (server URL, device token, policy)
// lives in the same SQLite file as the outbox, so a restart resumes where it stopped.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Finding } from '../contracts/finding.ts';
import { EnrolReply, SharingPolicy, type CallSummary } from '../team/sync-contract.ts';
import type { BackoffOptions } from './backoff.ts';
import { Outbox } from './outbox.ts';
import { redactForPolicy } from './redact.ts';
import { compactTurns, type TurnSegment } from '../contracts/turn-segments.ts';
import { Syncer } from './syncer.ts';
import { TeamClient } from './team-client.ts';

const Enrolment = EnrolReply.extend({ baseUrl: z.string().url() });
export type Enrolment = z.infer<typeof Enrolment>;

export interface TeamSyncOptions {
  /** PEM to trust for the server's certificate (self-signed or private CA). */
  ca?: string;
  batchSize?: number;
  backoff?: BackoffOptions;
  idlePollMs?: number;
  timeoutMs?: number;
}

export interface CallRecord {
  id: string;
  startedAt: string;
  endedAt: string | null;
  summary: CallSummary;
  /** Who spoke when; leaves the desktop only under 'share-all'. */
  turns?: TurnSegment[];
}

export interface FindingRecord {
  id: string;
  callId: string;
  /** Wall-clock time of the moment, ISO 8601. */
  occurredAt: string;
  finding: Finding;
}

export type FindingQueueResult = 'queued' | 'awaiting-agent' | 'not-enrolled';

export class TeamSync {
  readonly outbox: Outbox;
  private syncerInstance: Syncer | undefined;

  constructor(private readonly db: Database, private readonly options: TeamSyncOptions = {}) {
    // Creates team_outbox and team_sync_settings if the store's migration 0002 has not.
    this.outbox = new Outbox(db);
  }

  get enrolment(): Enrolment | null {
    const row = this.db.prepare(`SELECT value FROM team_sync_settings WHERE key = 'enrolment'`).get() as { value: string } | undefined;
    if (!row) return null;
    const parsed = Enrolment.safeParse(JSON.parse(row.value));
    if (!parsed.success) throw new Error(`team_sync_settings.enrolment is damaged (${parsed.error.issues[0]?.message}); enrol this desktop again`);
    return parsed.data;
  }

  private saveEnrolment(e: Enrolment): void {
    this.db.prepare(`INSERT INTO team_sync_settings (key, value) VALUES ('enrolment', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(e));
  }

  /** Enrols this desktop with an enrolment code from the admin; replaces an earlier enrolment. */
  async enrol(baseUrl: string, code: string, deviceName: string): Promise<Enrolment> {
    const reply = await new TeamClient({ baseUrl, ca: this.options.ca, timeoutMs: this.options.timeoutMs }).enrol(code, deviceName);
    const enrolment = { ...reply, baseUrl };
    this.saveEnrolment(enrolment);
    if (this.syncerInstance) {
      await this.syncerInstance.stop();
      this.syncerInstance = undefined;
    }
    return enrolment;
  }

  /** The syncer for the current enrolment (null until enrolled). */
  get syncer(): Syncer | null {
    if (this.syncerInstance) return this.syncerInstance;
    const e = this.enrolment;
    if (!e) return null;
    const client = new TeamClient({ baseUrl: e.baseUrl, token: e.token, ca: this.options.ca, timeoutMs: this.options.timeoutMs });
    this.syncerInstance = new Syncer({
      outbox: this.outbox,
      client,
      batchSize: this.options.batchSize,
      backoff: this.options.backoff,
      idlePollMs: this.options.idlePollMs,
      onPolicy: (policy) => this.updatePolicy(policy),
    });
    return this.syncerInstance;
  }

  private updatePolicy(policy: SharingPolicy): void {
    const e = this.enrolment;
    if (e && JSON.stringify(e.policy) !== JSON.stringify(policy)) this.saveEnrolment({ ...e, policy: SharingPolicy.parse(policy) });
  }

  recordCall(call: CallRecord): boolean {
    const e = this.enrolment;
    if (!e) return false;
    // Under 'agent-chooses' the call's timing stays here too: it would show what the agent has not shared.
    const { turns, ...rest } = call;
    this.outbox.enqueue({ type: 'call', ...rest, ...(turns && e.policy.sharing === 'share-all' ? { turns: compactTurns(turns) } : {}) });
    this.syncer?.wake();
    return true;
  }

  /**
   * A finding from a call. Under 'share-all' it is queued; under 'agent-chooses' it stays on the
   * desktop until the agent shares it (shareFinding).
   */
  recordFinding(record: FindingRecord): FindingQueueResult {
    const e = this.enrolment;
    if (!e) return 'not-enrolled';
    if (e.policy.sharing === 'agent-chooses') return 'awaiting-agent';
    this.queueFinding(record, e.policy, false);
    return 'queued';
  }

  /** The agent chose to share this moment with their supervisor. */
  shareFinding(record: FindingRecord): FindingQueueResult {
    const e = this.enrolment;
    if (!e) return 'not-enrolled';
    this.queueFinding(record, e.policy, true);
    return 'queued';
  }

  /** The agent takes a shared moment back; the server deletes it. */
  withdrawFinding(findingId: string): boolean {
    if (!this.enrolment) return false;
    this.outbox.enqueue({ type: 'withdraw', id: findingId });
    this.syncer?.wake();
    return true;
  }

  recordMark(mark: { id: string; findingId: string; verdict: 'right' | 'wrong'; comment?: string; markedAt: string }): boolean {
    if (!this.enrolment) return false;
    this.outbox.enqueue({ type: 'mark', ...mark });
    this.syncer?.wake();
    return true;
  }

  private queueFinding(record: FindingRecord, policy: SharingPolicy, sharedByAgent: boolean): void {
    this.outbox.enqueue({
      type: 'finding',
      id: record.id,
      callId: record.callId,
      occurredAt: record.occurredAt,
      sharedByAgent,
      finding: redactForPolicy(record.finding, policy),
    });
    this.syncer?.wake();
  }
}
