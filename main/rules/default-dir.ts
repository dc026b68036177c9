// The rule folder shipped with Klachtcoach, found from the project folder rather than the working
// directory, so `npx klachtcoach analyze` works from anywhere (sources, bundle or packaged app).
import { projectPath } from '../project-root.ts';

export const DEFAULT_RULES_DIR = projectPath('rules');
