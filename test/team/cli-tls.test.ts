// The `klachtcoach team-server` command as an operator runs it: against a real PostgreSQL, with a
// self-signed certificate, and with clear messages for the usual mistakes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesktop, produceCalls } from '../sync/support/desktop.ts';
import { postgresUnavailableReason, startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.ts';

const BIN = join(import.meta.dirname, '../../scripts/dev-cli.mjs');

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = postgresUnavailableReason() ?? (hasOpenssl() ? undefined : 'openssl not installed (needed to make a test certificate)');
if (skip) console.warn(`team-server CLI tests skipped: ${skip}`);

function cli(args: string[], env: Record<string, string | undefined> = {}): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [BIN, 'team-server', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.skipIf(skip)('klachtcoach team-server', () => {
  let pgServer: ThrowawayPostgres;
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    pgServer = await startThrowawayPostgres();
    dir = mkdtempSync(join(tmpdir(), 'team-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    pgServer?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('explains what is missing or wrong', () => {
    const noUrl = cli([], { DATABASE_URL: undefined });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/set DATABASE_URL/);

    const down = cli(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none/);

    const plain = cli(['--host', '0.0.0.0'], { DATABASE_URL: pgServer.url });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/refusing to serve plain HTTP on 0\.0\.0\.0/);

    writeFileSync(join(dir, 'not-a-cert.pem'), 'hello');
    const badCert = cli(['--cert', join(dir, 'not-a-cert.pem'), '--key', join(dir, 'key.pem')], { DATABASE_URL: pgServer.url });
    expect(badCert.stderr).toMatch(/not-a-cert\.pem: not a PEM file/);
    const missing = cli(['--cert', join(dir, 'nope.pem'), '--key', join(dir, 'key.pem')], { DATABASE_URL: pgServer.url });
    expect(missing.stderr).toMatch(/cannot read the TLS certificate .*nope\.pem: ENOENT/);
  });

  it('serves over TLS; a desktop that trusts the certificate enrols and syncs', async () => {
    const init = cli(['init-org', 'Klantenservice BV'], { DATABASE_URL: pgServer.url });
    expect(init.code).toBe(0);
    const { adminToken } = JSON.parse(init.stdout) as { adminToken: string };
    expect(cli(['init-org', 'Klantenservice BV'], { DATABASE_URL: pgServer.url }).stderr).toMatch(/already exists/);

    child = spawn(process.execPath, [BIN, 'team-server', '--port', '0', '--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')], {
      env: { ...process.env, DATABASE_URL: pgServer.url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child!.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const m = /listening on (https:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`team-server exited ${code}: ${err}`)));
    });
    const cert = (await import('node:fs')).readFileSync(join(dir, 'cert.pem'), 'utf8');

    // Admin calls over HTTPS (Node's fetch would not trust the self-signed cert, so use the client's CA option path via https).
    const { request } = await import('node:https');
    const adminCall = (method: string, path: string, body: unknown): Promise<Record<string, string>> => new Promise((resolve, reject) => {
      const req = request(url + path, { method, ca: cert, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(JSON.parse(text) as Record<string, string>));
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
    const { teamId } = await adminCall('POST', '/api/admin/teams', { name: 'Noord' });
    const { enrolmentCode } = await adminCall('POST', '/api/admin/agents', { teamId });

    // A desktop without the certificate refuses the server...
    await expect(openDesktop().sync.enrol(url, enrolmentCode!, 'pc')).rejects.toThrow(/self-signed|certificate/);
    // ...one that trusts it enrols and syncs.
    const d = openDesktop({ ca: cert });
    await d.sync.enrol(url, enrolmentCode!, 'pc');
    produceCalls(d, 2, 2);
    expect(await d.sync.syncer!.flush(20)).toBe(true);
    expect(d.sync.outbox.counts()).toEqual({ pending: 0, rejected: 0 });

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(0);
  });
});
