// Child process of crash.test.ts (bundled with esbuild so it starts fast). It records calls and
// findings through the real recorder as fast as it can and prints one line per write *after* the
// commit has returned: "F <findingId> <ruleId>", "A <findingId>" (acknowledged), "C <callId>"
// (call started), "E <callId>" (call ended). The parent kills it with SIGKILL at a random moment
// and then checks that every printed write is in the database.
import { writeSync } from 'node:fs';
import { openStore } from '../../main/store/open-store.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';

const [file, seedArg] = process.argv.slice(2);
if (!file) throw new Error('usage: crash-writer FILE SEED');
let seed = Number(seedArg ?? 1) >>> 0;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let x = seed;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
// writeSync on fd 1: the line reaches the pipe before the next write starts, so the parent never
// sees an acknowledgement for something that was not yet committed, and never misses one because
// of buffering inside this process.
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const store = openStore(file);
const recorder = createCallRecorder(store);
say('READY');
for (let n = 0; ; n++) {
  const callId = recorder.startCall({ agentId: `agent-${n % 5}` });
  say(`C ${callId}`);
  const findings = 1 + Math.floor(random() * 6);
  for (let i = 0; i < findings; i++) {
    const ruleId = `crash.rule.${n}.${i}`;
    const id = recorder.recordFinding(callId, {
      kind: 'flag',
      behaviour: 'verschuilen',
      ruleId,
      atMs: i * 1000,
      tip: 'Neem zelf eigenaarschap.',
      severity: 'medium',
      source: 'text',
      span: { startChar: 0, endChar: 18, text: 'de directie vindt' },
      utterance: { startMs: i * 1000, endMs: i * 1000 + 800, text: `de directie vindt dat ${n} ${i}` },
      rangeMs: { startMs: i * 1000, endMs: i * 1000 + 800 },
    });
    say(`F ${id} ${ruleId}`);
    if (random() < 0.5) {
      recorder.markAcknowledged(id);
      say(`A ${id}`);
    }
  }
  recorder.endCall(callId, { agentTalkShare: random() });
  say(`E ${callId}`);
  // Now and then a checkpoint, so kills also land while the WAL is copied into the database.
  if (random() < 0.1) store.db.pragma('wal_checkpoint(TRUNCATE)');
}
