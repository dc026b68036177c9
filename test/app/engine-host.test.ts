// The engine bundle the app forks (dist/engine/klachtcoach.mjs) run under plain Node, which is
// what an Electron utilityProcess is: it starts the real `klachtcoach serve`, and the app's output
// reader finds the desktop links and the pairing offer in what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineOutput, redactSecrets } from '../../main/app/engine/engine-output.ts';
import { freeLoopbackPort } from '../../main/app/engine/free-port.ts';
import { waitForHttp } from '../../main/app/engine/wait-for-http.ts';
import { freshEngineBundle } from './engine-bundle.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const HOST = freshEngineBundle();
const viewsBuilt = existsSync(resolve(ROOT, 'dist/renderer/tablet.html')) && existsSync(resolve(ROOT, 'dist/renderer/overlay.html'));
if (!viewsBuilt) console.log('skipped: engine host serve test needs the built views (npm run build)');

describe('engine host', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = undefined;
  });

  it('runs the bundled CLI (help lists serve and models)', async () => {
    child = spawn(process.execPath, [HOST, '--help'], { cwd: ROOT });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((done) => child!.once('exit', done));
    expect(code).toBe(0);
    expect(out).toMatch(/\bserve\b/);
    expect(out).toMatch(/\bmodels\b/);
  });

  it.skipIf(!viewsBuilt)('starts `serve` on the chosen port; the app finds the overlay link and the pairing offer', async () => {
    const port = await freeLoopbackPort();
    child = spawn(process.execPath, [HOST, 'serve', '--port', String(port), '--local'], { cwd: ROOT });
    const output = new EngineOutput();
    let log = '';
    child.stdout!.on('data', (c: Buffer) => {
      output.push(c.toString());
      log += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new AbortController();
    child.once('exit', (code) => exited.abort(`serve exited with code ${code}: ${log}`));
    await waitForHttp(`http://127.0.0.1:${port}/overlay.html`, { timeoutMs: 90_000, intervalMs: 200, signal: exited.signal });
    await expect.poll(() => output.desktopLinks.overlay, { timeout: 10_000 }).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/overlay\\.html#desktop=`),
    );
    expect(output.pairing?.code, log).toMatch(/^[A-Z0-9-]+$/);
    // Nothing secret survives redaction of the real output.
    const redacted = log.split('\n').map(redactSecrets).join('\n');
    expect(redacted).not.toContain(output.desktopLinks.overlay!.split('#')[1]!);
    expect(redacted).not.toContain(output.pairing!.code);
  });
});
