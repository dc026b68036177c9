// The app's own small settings file (userData/klachtcoach-app.json): overlay place, chosen
// microphone, click-through, first run done, the engine's loopback port, and the administrator's
// speech model mirror. Not the call store (that is main/store, SQLite).
//
// Every key but `version` has a default, so an administrator can roll out a file holding only
// what they set, e.g. `{"version": 1, "models": {"mirror": "https://models.intranet.example"}}`.
//
// Written atomically (temp file, fsync, rename) so a crash never leaves half a file. A file
// that does not parse or does not match the schema is never overwritten in place: it is kept
// beside as `.corrupt-<time>` and the app starts from defaults with a warning naming the file
// and the problem. Nothing the user stored is silently lost.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const Rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive().max(10_000),
  height: z.number().int().positive().max(10_000),
});
export type Rect = z.infer<typeof Rect>;

const HttpUrl = z.string().max(2048).refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an http:// or https:// address');

export const AppSettings = z.object({
  version: z.literal(1),
  overlayBounds: Rect.nullable().default(null),
  micDeviceId: z.string().min(1).max(256).nullable().default(null),
  clickThrough: z.boolean().default(false),
  firstRunDone: z.boolean().default(false),
  /**
   * The engine's loopback port from the last run, tried first on the next. The pages' origin
   * includes the port, and Chromium salts microphone ids (and keeps localStorage) per origin: a
   * new port every start would make the chosen microphone unknown to the capture page. Absent in
   * files written before it existed.
   */
  enginePort: z.number().int().min(1024).max(65535).nullable().default(null),
  models: z.object({
    /** An internal mirror laid out like the hub (`klachtcoach models download --mirror`); null: the hub. */
    mirror: HttpUrl.nullable().default(null),
  }).default({ mirror: null }),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = {
  version: 1,
  overlayBounds: null,
  micDeviceId: null,
  clickThrough: false,
  firstRunDone: false,
  enginePort: null,
  models: { mirror: null },
};

export interface LoadResult {
  settings: AppSettings;
  /** Set when the file existed but could not be used; says where and why. */
  warning?: string;
}

export function loadSettings(file: string, now: () => Date = () => new Date()): LoadResult {
  if (!existsSync(file)) return { settings: DEFAULT_SETTINGS };
  let problem: string;
  try {
    const parsed = AppSettings.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { settings: parsed.data };
    problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const kept = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, kept);
  return {
    settings: DEFAULT_SETTINGS,
    warning: `settings file ${file} is unusable (${problem}); kept it as ${kept} and started from defaults`,
  };
}

export function saveSettings(file: string, settings: AppSettings): void {
  const valid = AppSettings.parse(settings);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(valid, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
