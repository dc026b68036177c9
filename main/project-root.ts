// The project's root folder: where package.json, rules/, models/, resources/ and dist/ live.
// Found by walking up from this module's own file, so it is the same whether the engine runs from
// its TypeScript sources (main/), from the esbuild bundle (dist/engine/) or from the packaged
// app's asar archive. Paths to data files are built from it, never from "../.." guesses that
// hold in one of those layouts only.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir;
    if (dirname(dir) === dir) throw new Error(`klachtcoach: no project folder (package.json beside rules/) above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project folder, e.g. projectPath('dist', 'renderer'). */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
