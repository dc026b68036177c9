// `npm start` where Electron's program was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, no
// internet): it says calmly what it does instead and runs the headless engine, never passing on
// Electron's own "failed to install correctly".
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const electronInstalled = existsSync(`${ROOT}node_modules/electron/path.txt`);
if (electronInstalled) console.log('start script test skipped: Electron is installed here, so npm start opens the desktop app');

describe.skipIf(electronInstalled)('npm start without Electron', () => {
  it('says what it does instead, in plain words, and starts the engine (here: its --help)', () => {
    const out = execFileSync(process.execPath, ['scripts/start.mjs', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/^Klachtcoach: the desktop app \(tray and overlay window\) runs on Electron, and its program is not installed on this machine\./);
    expect(out).toMatch(/Starting the same coach without the app window instead/);
    expect(out).not.toMatch(/failed to install correctly/i);
    expect(out).toMatch(/Usage: klachtcoach serve/);
  });
});
