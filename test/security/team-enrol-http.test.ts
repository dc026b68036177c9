// Issue 15, item 10: `team enrol --server http://…` used to go ahead and send the enrolment code,
// and later the device token and the agents' moments, unencrypted. It is refused now, unless the
// server is on this machine or --insecure is given, and the command says why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkServerUrl } from '../../main/cli/team.ts';

describe('team enrol over plain http', () => {
  it('refuses an http:// server on the network and names the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-enrol-http-'));
    try {
      const res = spawnSync(process.execPath, ['scripts/dev-cli.mjs', 'team', 'enrol', '--server', 'http://team.example.nl:8443', '--code', 'ABCD-EFGH-JKLM', '--db', join(dir, 'calls.sqlite')], { encoding: 'utf8' });
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/plain http:\/\/ would send this desktop's token .* unencrypted/);
      expect(res.stderr).toMatch(/use the https:\/\/ address .* or --insecure/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets https, a server on this machine, and an explicit --insecure through (the last with a warning)', () => {
    expect(checkServerUrl('https://team.example.nl:8443/')).toEqual({ url: 'https://team.example.nl:8443', warning: null });
    expect(checkServerUrl('http://127.0.0.1:8443')).toEqual({ url: 'http://127.0.0.1:8443', warning: null });
    expect(checkServerUrl('http://localhost:8443').warning).toBeNull();
    expect(checkServerUrl('http://[::1]:8443').warning).toBeNull();
    expect(() => checkServerUrl('http://192.168.1.5:8443')).toThrow(/plain http:\/\//);
    expect(checkServerUrl('http://192.168.1.5:8443', true).warning).toMatch(/--insecure: 192\.168\.1\.5:8443 is reached over plain HTTP/);
  });
});
