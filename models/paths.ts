// Where installed models live: <data folder>/models/<name>/. The data folder follows each
// platform's convention for per-user application data; KLACHTCOACH_DATA_DIR overrides it (tests,
// portable installs, managed desktops that redirect profiles).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KLACHTCOACH_DATA_DIR) return env.KLACHTCOACH_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'klachtcoach');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'klachtcoach');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'klachtcoach');
}

export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'models');
}

/** Downloads in progress, kept between runs so an interrupted download resumes. */
export function partialDir(models: string, name: string): string {
  return join(models, '.partial', name);
}

export const HUB_ENDPOINT = 'https://huggingface.co';

export function hubEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.KLACHTCOACH_HF_ENDPOINT ?? HUB_ENDPOINT;
}
