import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

describe('klachtcoach CLI', () => {
  it('prints its commands with --help and exits 0', () => {
    const out = execFileSync(process.execPath, ['scripts/dev-cli.mjs', '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: klachtcoach <command>/);
  });

  it('refuses an unknown command with exit code 2', () => {
    let status = 0;
    try {
      execFileSync(process.execPath, ['scripts/dev-cli.mjs', 'no-such-command'], { stdio: 'pipe' });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
