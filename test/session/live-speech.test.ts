// `klachtcoach serve` with a speech model installed: the agent channel of a played call is cut by
// the VAD, recognised live by the speech worker (the tiny test Whisper, loaded through the real
// install receipt), and the phrase rules judge the recognised words in the same timeline as the
// timing findings; both end up in the call store. The customer channel is never transcribed.
// Without a model, serve says once how to get one and coaches on timing. (Also here, as it needs
// the same spawned serve: the retention purge runs by itself at start.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { callFromWavBytes } from '../../main/audio/call-audio.ts';
import { encodeWav16 } from '../../main/audio/wav-format.ts';
import { openStore } from '../../main/store/open-store.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { installTinyWhisper, TINY_NAME } from '../asr/tiny-whisper/install.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE_WAV = join(ROOT, 'resources/sample-call/call.wav');
const built = existsSync(join(ROOT, 'dist/renderer/tablet.html'));
if (!built) console.log('live speech test skipped: dist/renderer is not built (npm run build)');

const data = mkdtempSync(join(tmpdir(), 'kc-live-speech-'));
const withModel = join(data, 'with-model');
installTinyWhisper(join(withModel, 'models'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

/** Runs serve until `until` shows in its output (or it exits), then stops it with SIGTERM. */
async function serveUntil(args: string[], dataDir: string, until: RegExp, timeoutMs = 90_000): Promise<{ out: string; code: number | null }> {
  const child = spawn(process.execPath, ['scripts/dev-cli.mjs', 'serve', '--local', '--port', '0', ...args], {
    cwd: ROOT, env: { ...process.env, KLACHTCOACH_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${until} within ${timeoutMs} ms; output:\n${out}`)), timeoutMs);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (until.test(out)) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => { clearTimeout(timer); resolve(); });
  });
  child.kill('SIGTERM');
  return { out, code: await exited };
}

interface Stored {
  utterances: { startMs: number; endMs: number; text: string }[];
  findings: { kind: string; source: string; behaviour: string; spanText: string | null; atMs: number }[];
}

function readStore(file: string): Stored {
  const store = openStore(file);
  try {
    return {
      utterances: store.db.prepare('SELECT start_ms AS startMs, end_ms AS endMs, text FROM utterances ORDER BY start_ms').all() as Stored['utterances'],
      findings: store.db.prepare('SELECT kind, source, behaviour, span_text AS spanText, at_ms AS atMs FROM findings ORDER BY at_ms').all() as Stored['findings'],
    };
  } finally {
    store.close();
  }
}

describe.skipIf(!built)('serve with live speech recognition', () => {
  it('recognises the agent channel and judges the recognised words with the phrase rules, next to timing findings', async () => {
    const db = join(data, 'agent.sqlite');
    const { out, code } = await serveUntil(['--wav', SAMPLE_WAV, '--speed', '4', '--db', db, '--model', TINY_NAME], withModel, /Call ended/);
    expect(code).toBe(0);
    expect(out).toContain(`speech: recognising the agent's speech with ${TINY_NAME}`);
    const stored = readStore(db);
    // The VAD cut the agent's turns (the sample call has six agent lines) and each got words.
    expect(stored.utterances.length).toBeGreaterThanOrEqual(4);
    for (const u of stored.utterances) expect(u.text.trim().length).toBeGreaterThan(0);
    const text = stored.findings.filter((f) => f.source === 'text');
    expect(text.length, JSON.stringify(stored)).toBeGreaterThan(0);
    expect(stored.findings.some((f) => f.source === 'timing')).toBe(true);
    // Each phrase finding quotes words the recogniser produced for a stored utterance ending at its time.
    for (const f of text) {
      const u = stored.utterances.find((x) => x.endMs === f.atMs);
      expect(u, `utterance ending at ${f.atMs}`).toBeDefined();
      if (f.spanText) expect(u!.text).toContain(f.spanText);
    }
  }, 150_000);

  it('never transcribes the customer channel: speech only on the customer side stores no words', async () => {
    const call = callFromWavBytes(readFileSync(SAMPLE_WAV), SAMPLE_WAV);
    const clip = call.agent.slice(0, 17 * 16_000); // two agent lines of the sample call
    const wav = join(data, 'customer-only.wav');
    writeFileSync(wav, encodeWav16([new Float32Array(clip.length), clip], 16_000));
    const db = join(data, 'customer.sqlite');
    const { code } = await serveUntil(['--wav', wav, '--speed', '4', '--db', db, '--model', TINY_NAME], withModel, /Call ended/);
    expect(code).toBe(0);
    const stored = readStore(db);
    expect(stored.utterances).toEqual([]);
    expect(stored.findings.filter((f) => f.source === 'text')).toEqual([]);
  }, 120_000);

  it('without a model says once, at start, how to install one, and coaches on timing', async () => {
    const empty = join(data, 'no-model');
    const { out } = await serveUntil(['--wav', SAMPLE_WAV, '--no-store'], empty, /Playing /);
    expect(out.match(/npx klachtcoach models download whisper-base/g)).toHaveLength(1);
    expect(out).toContain('Not recording calls: no call history');
  }, 90_000);

  it('runs the retention purge at start: a call older than the finding retention is gone', async () => {
    const db = join(data, 'old.sqlite');
    const longAgo = Date.now() - 200 * 86_400_000;
    const old = openStore(db, { now: () => longAgo });
    const recorder = createCallRecorder(old);
    const callId = recorder.startCall({ agentId: 'agent-old' });
    recorder.recordUtterance(callId, { startMs: 0, endMs: 900, text: 'dat valt wel mee' });
    recorder.endCall(callId);
    old.close();
    const { code } = await serveUntil(['--wav', SAMPLE_WAV, '--db', db], join(data, 'no-model'), /Playing /);
    expect(code).toBe(0);
    const stored = openStore(db);
    try {
      expect(stored.db.prepare('SELECT COUNT(*) FROM calls WHERE id = ?').pluck().get(callId)).toBe(0);
      expect(stored.db.prepare("SELECT COUNT(*) FROM utterances WHERE text = 'dat valt wel mee'").pluck().get()).toBe(0);
    } finally {
      stored.close();
    }
  }, 90_000);

  it('names the download command when --model asks for a model that is not installed', async () => {
    const { out, code } = await serveUntil(['--wav', SAMPLE_WAV, '--no-store', '--model', 'whisper-base'], join(data, 'no-model'), /(?!)/);
    expect(code).toBe(1);
    expect(out).toContain('npx klachtcoach models download whisper-base');
  }, 90_000);
});
