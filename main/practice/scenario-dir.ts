// The scenarios shipped with Klachtcoach, found from this file rather than the working directory.
// `rules check DIR` looks for them beside the rule folder (DIR/../scenarios), like the blind sets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../project-root.ts';

export const DEFAULT_SCENARIOS_DIR = projectPath('scenarios');

export function scenariosBeside(rulesDir: string): string | undefined {
  const dir = join(rulesDir, '..', 'scenarios');
  return existsSync(dir) ? dir : undefined;
}
