// electron-builder.yml checked with electron-builder's OWN validation: its JSON schema
// (app-builder-lib/scheme.json, through ajv) and its validateConfiguration(), which is what
// `electron-builder` runs before building. Plus the project's own requirements on top.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const config = YAML.parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  files: string[];
};
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, debug: { isEnabled: boolean; add(): void }) => Promise<void>;
};
const quietDebug = { isEnabled: false, add: () => undefined };

describe('electron-builder.yml', () => {
  it('matches electron-builder\'s JSON schema (ajv, draft-07)', () => {
    const Ajv = require('ajv') as new (opts: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] } };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('passes electron-builder\'s own validateConfiguration()', async () => {
    await expect(validateConfiguration(config, quietDebug)).resolves.toBeUndefined();
  });

  it('the validator really rejects mistakes (so the two checks above can fail)', async () => {
    await expect(validateConfiguration({ ...config, nsis: { oneClik: false } }, quietDebug)).rejects.toThrow(/nsis/);
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, quietDebug)).rejects.toThrow(/electronFuses/);
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    const targets = (section: string) => (config[section] as { target: string[] }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
  });

  it('unpacks the native modules from the asar and rebuilds them for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/onnxruntime-node/**', 'node_modules/better-sqlite3/**']));
    expect(config.npmRebuild).toBe(true);
  });

  it('sets the fuses the security checklist asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the bundles (main process, views, engine) and the engine\'s data, but no TypeScript sources, no tsx and no source maps', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.main).toBe('dist/app/main.js');
    expect(config.files).toEqual(expect.arrayContaining([
      'package.json', 'dist/app/**/*.js', 'dist/app/**/*.cjs', 'dist/renderer/**/*', 'dist/engine/**/*.mjs', 'models/manifest.json', 'rules/**/*', '!**/*.map',
    ]));
    // Issue 15: nothing compiles TypeScript at run time, so the sources and tsx stay out.
    expect(config.files.filter((f) => f.startsWith('main/') || f.endsWith('.ts'))).toEqual([]);
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
  });

  it('tells macOS users why the microphone and system audio are used', () => {
    const info = (config.mac as { extendInfo: Record<string, string> }).extendInfo;
    expect(info.NSMicrophoneUsageDescription).toMatch(/microfoon/);
    expect(info.NSAudioCaptureUsageDescription).toMatch(/niet uitgeschreven of opgeslagen/);
  });
});
