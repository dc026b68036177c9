// Issue 15, item 2: the standalone `klachtcoach review` answered any Host, so a page on
// evil.example whose name resolved to this machine (DNS rebinding) could sign in through the
// visitor's browser. It now answers only to its own names, and an Origin must be one of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../main/store/open-store.ts';
import { addSupervisor } from '../../main/store/supervisors.ts';
import { hashPassword } from '../../main/review/password.ts';
import { startReviewServer } from '../../main/review/review-server.ts';
import { hostAllowed } from '../../main/session/request-guards.ts';

const PASSWORD = 'een lang wachtwoord';
let dir: string;
let child: ChildProcess;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kc-review-host-'));
  const store = openStore(join(dir, 'calls.sqlite'));
  addSupervisor(store, 'sanne', await hashPassword(PASSWORD, { logN: 12, r: 8, p: 1 }));
  store.close();
  child = spawn(process.execPath, ['scripts/dev-cli.mjs', 'review', '--port', '0'], {
    env: { ...process.env, KLACHTCOACH_DATA_DIR: dir },
  });
  port = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) done(Number(m[1]));
    });
    child.on('exit', (code) => fail(new Error(`review exited early with ${code}`)));
  });
}, 30_000);

afterAll(async () => {
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
  rmSync(dir, { recursive: true, force: true });
});

/** A sign-in as a browser would send it, with the Host and Origin it would send. */
function signIn(host: string, origin?: string): Promise<{ status: number; cookie: string | undefined }> {
  const body = JSON.stringify({ username: 'sanne', password: PASSWORD });
  return new Promise((done, fail) => {
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: '/review/api/session', // review lives under /review/ on every server
      headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(origin ? { origin } : {}) },
    }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode!, cookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('klachtcoach review and DNS rebinding', () => {
  it('refuses a sign-in that names a foreign Host, and sets no cookie', async () => {
    const res = await signIn(`evil.example:${port}`, `http://evil.example:${port}`);
    expect(res.status).toBe(421);
    expect(res.cookie).toBeUndefined();
  });

  it('refuses an Origin that is not one of its names, even with a right Host', async () => {
    const res = await signIn(`127.0.0.1:${port}`, `http://evil.example:${port}`);
    expect(res.status).toBe(403);
    expect(res.cookie).toBeUndefined();
  });

  it('signs in on its own loopback names', async () => {
    expect((await signIn(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await signIn(`localhost:${port}`)).status).toBe(200);
  });
});

describe('review server names', () => {
  it('answers to the --hostname names as well, and to nothing else', async () => {
    const store = openStore(join(dir, 'calls.sqlite'));
    const server = await startReviewServer({ store, staticDir: dir, host: '127.0.0.1', port: 0, tls: null, hostNames: ['review.example.nl'] });
    try {
      expect(server.allowed.names).toEqual(new Set(['127.0.0.1', 'localhost', '[::1]', 'review.example.nl']));
      expect(hostAllowed(`review.example.nl:${server.port}`, server.allowed)).toBe(true);
      expect(hostAllowed(`evil.example:${server.port}`, server.allowed)).toBe(false);
    } finally {
      await server.close();
      store.close();
    }
  });
});
