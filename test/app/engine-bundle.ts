// The engine bundle the app and bin/klachtcoach run (dist/engine/, scripts/build-engine.mjs), for
// the tests that must run exactly that: rebuilt first when it is missing or older than any engine
// source, so such a test never passes on a stale bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const ENGINE_BUNDLE = join(ROOT, 'dist/engine/klachtcoach.mjs');

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The path of an up-to-date engine bundle. */
export function freshEngineBundle(): string {
  const sources = Math.max(newestSourceMs(join(ROOT, 'main')), newestSourceMs(join(ROOT, 'models')));
  if (!existsSync(ENGINE_BUNDLE) || statSync(ENGINE_BUNDLE).mtimeMs < sources) {
    execFileSync(process.execPath, ['scripts/build-engine.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  return ENGINE_BUNDLE;
}
