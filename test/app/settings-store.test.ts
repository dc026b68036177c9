import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../main/app/settings/settings-store.ts';

const dir = (): string => mkdtempSync(join(tmpdir(), 'kc-settings-'));
const fixedNow = () => new Date('2026-11-27T04:00:00.000Z');

describe('settings store', () => {
  it('starts from defaults when there is no file', () => {
    expect(loadSettings(join(dir(), 'none.json'))).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('round-trips and leaves no temp file behind', () => {
    const d = dir();
    const file = join(d, 'sub', 'app.json');
    const settings = { ...DEFAULT_SETTINGS, overlayBounds: { x: -1200, y: 40, width: 360, height: 180 }, micDeviceId: 'abc', firstRunDone: true };
    saveSettings(file, settings);
    expect(loadSettings(file).settings).toEqual(settings);
    expect(readdirSync(join(d, 'sub'))).toEqual(['app.json']);
  });

  it("takes an administrator's file holding only the model mirror, and keeps the mirror when the app saves", () => {
    const file = join(dir(), 'app.json');
    writeFileSync(file, JSON.stringify({ version: 1, models: { mirror: 'https://models.intranet.example/hub' } }));
    const loaded = loadSettings(file);
    expect(loaded).toEqual({ settings: { ...DEFAULT_SETTINGS, models: { mirror: 'https://models.intranet.example/hub' } } });
    saveSettings(file, { ...loaded.settings, firstRunDone: true });
    expect(loadSettings(file).settings.models.mirror).toBe('https://models.intranet.example/hub');
  });

  it('refuses to write invalid settings', () => {
    const file = join(dir(), 'app.json');
    expect(() => saveSettings(file, { ...DEFAULT_SETTINGS, overlayBounds: { x: 0, y: 0, width: -5, height: 10 } })).toThrow();
  });

  it.each([
    ['broken JSON', '{"version": 1, "overlayBounds": ', /JSON|Unexpected|end/i],
    ['a wrong field', JSON.stringify({ ...DEFAULT_SETTINGS, clickThrough: 'yes' }), /clickThrough/],
    ['an unknown version', JSON.stringify({ ...DEFAULT_SETTINGS, version: 9 }), /version/],
    ['a mirror that is not a web address', JSON.stringify({ version: 1, models: { mirror: 'file:///srv/models' } }), /models\.mirror: must be an http:\/\/ or https:\/\/ address/],
    ['binary junk', '\u0000\u0001\u00ff', /JSON|Unexpected|token/i],
  ])('keeps a file with %s aside, names it, and starts from defaults', (_name, content, problem) => {
    const d = dir();
    const file = join(d, 'app.json');
    writeFileSync(file, content);
    const result = loadSettings(file, fixedNow);
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.warning).toContain(file);
    expect(result.warning).toMatch(problem);
    const kept = join(d, 'app.json.corrupt-2026-11-27T04-00-00-000Z');
    expect(readFileSync(kept, 'utf8')).toBe(content);
  });
});
