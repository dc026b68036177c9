// A review server on a temp store with a few seeded calls, for the API and browser tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type CallStore } from '../../main/store/open-store.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { addSupervisor } from '../../main/store/supervisors.ts';
import { hashPassword } from '../../main/review/password.ts';
import { createReviewHandler, type ReviewHandlerOptions } from '../../main/review/review-handler.ts';
import { SessionStore } from '../../main/review/sessions.ts';
import { SignInLimiter } from '../../main/review/sign-in-limiter.ts';

export const SUPERVISOR = { username: 'sanne', password: 'correct paard batterij' };
// Cheaper scrypt than production (logN 12 instead of 15) so tests stay fast on shared cores.
const TEST_SCRYPT = { logN: 12, r: 8, p: 1 };
export const NOW = Date.UTC(2026, 10, 26, 14, 0, 0); // Thursday 26 Nov 2026
const DAY = 86_400_000;

export interface ReviewFixture {
  url: string;
  store: CallStore;
  clock: { ms: number };
  sessions: SessionStore;
  callIds: string[];
  close: () => Promise<void>;
}

export async function startReviewFixture(options: { staticDir?: string; basePath?: string } = {}): Promise<ReviewFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kc-review-'));
  const clock = { ms: NOW };
  const store = openStore(join(dir, 'calls.sqlite'), { now: () => clock.ms });
  addSupervisor(store, SUPERVISOR.username, await hashPassword(SUPERVISOR.password, TEST_SCRYPT));
  const callIds = seedCalls(store);
  const sessions = new SessionStore({ now: () => clock.ms });
  const handlerOptions: ReviewHandlerOptions = {
    store,
    staticDir: options.staticDir ?? join(dir, 'no-build'),
    basePath: options.basePath ?? '',
    now: () => clock.ms,
    sessions,
    limiter: new SignInLimiter({ now: () => clock.ms, maxFailures: 3, maxFailuresPerAddress: 8 }),
  };
  const handler = createReviewHandler(handlerOptions);
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.basePath ?? ''}/`,
    store,
    clock,
    sessions,
    callIds,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const NEWEST_TURNS = [
  ['agent', 1000, 4000], ['customer', 5000, 19_500], ['agent', 21_000, 24_000], ['customer', 25_000, 40_500],
  ['agent', 40_000, 47_000], ['customer', 48_000, 59_000], ['agent', 60_000, 64_000],
] as const;

/** Three agents' calls over four weeks; the newest call (index 0) has flags, praise, words and who spoke when. */
function seedCalls(store: CallStore): string[] {
  const rec = createCallRecorder(store);
  const ids: string[] = [];
  const newest = rec.startCall({ agentId: 'anna', startedAtMs: NOW - 2 * 3_600_000 });
  rec.recordUtterance(newest, { startMs: 1000, endMs: 4000, text: 'goedemiddag u spreekt met Anna van de klantenservice' });
  rec.recordUtterance(newest, { startMs: 21_000, endMs: 24_000, text: 'ja maar dat valt toch wel mee mevrouw' });
  rec.recordFinding(newest, {
    kind: 'flag', behaviour: 'bagatelliseren', ruleId: 'nl.bagatelliseren.valt-wel-mee', atMs: 24_000,
    tip: 'Toon begrip: "Ik begrijp dat dit vervelend voor u is."', severity: 'medium', source: 'text',
    span: { startChar: 16, endChar: 31, text: 'valt toch wel mee' }, utterance: { startMs: 21_000, endMs: 24_000, text: 'ja maar dat valt toch wel mee mevrouw' }, rangeMs: { startMs: 21_000, endMs: 24_000 },
  });
  rec.recordFinding(newest, {
    kind: 'flag', behaviour: 'onderbreken', ruleId: 'timing.overlap.interrupt', atMs: 40_500,
    tip: 'Laat de klant uitpraten.', severity: 'high', source: 'timing', rangeMs: { startMs: 40_000, endMs: 40_500 },
  });
  rec.recordUtterance(newest, { startMs: 60_000, endMs: 64_000, text: 'ik snap dat u hier boos over bent dat begrijp ik' });
  rec.recordFinding(newest, {
    kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'nl.begrip_tonen.snap-dat', atMs: 64_000,
    tip: 'Goed: je toonde begrip.', severity: 'info', source: 'text',
    span: { startChar: 0, endChar: 11, text: 'ik snap dat' }, utterance: { startMs: 60_000, endMs: 64_000, text: 'ik snap dat u hier boos over bent dat begrijp ik' }, rangeMs: { startMs: 60_000, endMs: 64_000 },
  }, { shown: false });
  // Who spoke when: the agent came in at 40 s and the customer gave way at 40.5 s.
  for (const [party, startMs, endMs] of NEWEST_TURNS) rec.recordTurnSegment(newest, { party, startMs, endMs });
  rec.endCall(newest, { endedAtMs: NOW - 2 * 3_600_000 + 95_000, agentTalkShare: 0.58 });
  ids.push(newest);
  const agents = ['anna', 'bram', 'chris'];
  for (let i = 1; i < 24; i++) {
    const id = rec.startCall({ agentId: agents[i % 3]!, startedAtMs: NOW - i * 1.2 * DAY });
    rec.recordUtterance(id, { startMs: 2000, endMs: 5000, text: 'daar kan ik niets aan doen de directie heeft dat zo besloten' });
    if (i % 2 === 0) {
      rec.recordFinding(id, {
        kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.verschuilen.directie', atMs: 5000, tip: 'Neem zelf eigenaarschap: "Ik zoek het voor u uit."',
        severity: 'medium', source: 'text', span: { startChar: 27, endChar: 39, text: 'de directie' }, rangeMs: { startMs: 2000, endMs: 5000 },
      });
    }
    if (i % 3 === 0) {
      rec.recordFinding(id, { kind: 'flag', behaviour: 'monoloog', ruleId: 'timing.monologue', atMs: 9000, tip: 'Stel een vraag en luister.', severity: 'low', source: 'timing', rangeMs: { startMs: 2000, endMs: 9000 } });
    }
    rec.endCall(id, { endedAtMs: NOW - i * 1.2 * DAY + 180_000, agentTalkShare: 0.4 + (i % 5) / 20 });
    ids.push(id);
  }
  return ids;
}
