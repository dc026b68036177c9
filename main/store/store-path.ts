// Where the call store lives unless a command says otherwise: $KLACHTCOACH_DATA_DIR (the desktop
// app sets it to Electron's userData folder), else ~/.local/share/klachtcoach. A local disk, as
// WAL requires (research/security.md §4).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.KLACHTCOACH_DATA_DIR || join(homedir(), '.local', 'share', 'klachtcoach');
  return join(dir, 'calls.sqlite');
}
