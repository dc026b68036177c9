// `klachtcoach demo` as a user runs it: it prints the pairing link, the overlay, summary and review
// links, the agent accepts the tablet by typing j in the terminal, and tips from the sample call
// arrive. It records into a temporary call store, which is gone once the demo stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nodeClient, until, waitForStatus } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${ROOT}dist/renderer/tablet.html`);
if (!built) console.log('demo CLI test skipped: dist/renderer is not built (npm run build)');

let child: ChildProcess | null = null;
let client: SessionClient | null = null;
afterEach(() => {
  client?.close();
  child?.kill('SIGTERM');
});

describe.skipIf(!built)('klachtcoach demo', () => {
  it('pairs a device accepted in the terminal and sends it tips from the sample call', async () => {
    child = spawn(process.execPath, ['scripts/dev-cli.mjs', 'demo', '--local', '--port', '0', '--speed', '4'], {
      cwd: ROOT, env: { ...process.env, KLACHTCOACH_STDIN_COMMANDS: '1' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    await until(() => /#pair=/.test(out), 90_000, 'pairing link in the demo output (first start compiles TypeScript)').catch((err: Error) => { throw new Error(`${err.message}; output so far:\n${out}`); });
    const link = /(http:\/\/127\.0\.0\.1:\d+\/tablet\.html#pair=[0-9A-Z-]+)/.exec(out)![1]!;
    expect(out).toMatch(/overlay\.html#desktop=/);
    expect(out).toMatch(/summary\.html#desktop=/);
    // The sign-in right under the review link, where it is needed.
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/review\/\n {2}sign in to the review screens as "demo" with password \S{16}\n/);
    const tempStore = /temporary call store \((.+calls\.sqlite)\)/.exec(out)![1]!;
    expect(existsSync(tempStore)).toBe(true);
    expect(out).toMatch(/[█▀▄]/); // the QR code
    const origin = new URL(link).origin;

    client = nodeClient(origin, `${origin.replace('http', 'ws')}/ws`);
    const tips: string[] = [];
    client.on('tip', (t) => tips.push(t.tip));
    client.pair(link);
    await until(() => /wants to pair/.test(out), 10_000, 'pairing prompt');
    child.stdin!.write('j\n');
    await waitForStatus(client, 'connected');
    await until(() => tips.length > 0, 60_000, 'a tip from the sample call');
    expect(tips[0]!.length).toBeGreaterThan(10);
    client.close(); // before the server goes, or it keeps trying to reconnect
    client = null;
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    expect(existsSync(tempStore)).toBe(false);
  });
});
