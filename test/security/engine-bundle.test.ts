// Issue 15, item 14: the app and bin/klachtcoach ran the engine's TypeScript through tsx, whose
// disk cache in the temp folder is read without a check (around the ASAR-integrity fuses). They
// now run the esbuild bundle in dist/engine/. Checked by running it under a module hook that
// refuses tsx and every .ts file, in the CLI process and in the speech worker it starts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Finding } from '../../main/contracts/finding.ts';
import { freshEngineBundle } from '../app/engine-bundle.ts';
import { installTinyWhisper, TINY_NAME } from '../asr/tiny-whisper/install.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GUARD = join(import.meta.dirname, 'fixtures/no-typescript.mjs');
const data = mkdtempSync(join(tmpdir(), 'kc-bundle-'));
beforeAll(() => {
  freshEngineBundle();
  installTinyWhisper(join(data, 'models'));
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

/** bin/klachtcoach as a user runs it, with TypeScript made impossible to load. */
const klachtcoach = (args: string[]) => promisify(execFile)(process.execPath, ['bin/klachtcoach.mjs', ...args], {
  cwd: ROOT, env: { ...process.env, KLACHTCOACH_DATA_DIR: data, NODE_OPTIONS: `--import ${GUARD}` },
});

describe('the engine bundle', () => {
  it('the guard really refuses TypeScript (so the checks below can fail)', async () => {
    const err = await promisify(execFile)(process.execPath, ['scripts/dev-cli.mjs', '--help'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: `--import ${GUARD}` } })
      .catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/no TypeScript at run time: tried to load tsx/);
  });

  it('bin/klachtcoach checks the rules as the sources do, with nothing compiled at run time', async () => {
    // Compared with the sources rather than with "all valid": whether every example passes is the
    // rules' and the scorer's business (npm test checks it), not the bundle's.
    const settle = (run: Promise<{ stdout: string; stderr: string }>) => run.then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
    const [bundled, sources] = await Promise.all([
      settle(klachtcoach(['rules', 'check', 'rules'])),
      settle(promisify(execFile)(process.execPath, ['scripts/dev-cli.mjs', 'rules', 'check', 'rules'], { cwd: ROOT })),
    ]);
    expect(bundled.stderr).not.toMatch(/no TypeScript at run time/);
    expect(bundled.stdout + bundled.stderr).toMatch(/rules check: /);
    expect(bundled).toEqual(sources);
  });

  it('recognises speech in a worker that runs the bundle too', async () => {
    const { stdout, stderr } = await klachtcoach(['analyze', join(ROOT, 'resources/sample-call/call.wav'), '--json', '--model', TINY_NAME]);
    expect(stderr).toMatch(new RegExp(`speech: \\d+ agent utterance\\(s\\) recognised with ${TINY_NAME}`));
    expect(stdout.trim().split('\n').filter(Boolean).map((l) => Finding.parse(JSON.parse(l))).length).toBeGreaterThan(0);
  });

  it('imports no tsx', () => {
    for (const file of ['klachtcoach.mjs', 'speech-worker-process.mjs']) {
      const code = readFileSync(join(ROOT, 'dist/engine', file), 'utf8');
      expect(code).not.toMatch(/from\s+["']tsx|import\(["']tsx/);
    }
  });
});
