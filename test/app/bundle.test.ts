// The esbuild step of scripts/build.mjs: Electron loads plain JS, and a sandboxed preload can
// require nothing but `electron` (and a few Node shims), so everything else must be inlined.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('app bundle', () => {
  it('the preload bundles to CommonJS that requires only electron', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kc-bundle-')), 'preload.cjs');
    await build({ entryPoints: ['main/app/preload.ts'], outfile: out, bundle: true, platform: 'node', format: 'cjs', external: ['electron'], logLevel: 'silent' });
    const code = readFileSync(out, 'utf8');
    const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld("coach"');
    expect(code).not.toMatch(/exposeInMainWorld\("ipcRenderer"/);
  });

  it('the main process bundles as ESM with electron and npm packages left external', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kc-bundle-')), 'main.js');
    await build({ entryPoints: ['main/app/main.ts'], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', external: ['electron'], logLevel: 'silent' });
    const code = readFileSync(out, 'utf8');
    expect(code).toMatch(/from "electron"/);
    // Node can parse the bundle (it cannot run it: `electron` only exists inside Electron).
    expect(() => execFileSync(process.execPath, ['--check', out], { stdio: 'pipe' })).not.toThrow();
  });
});
