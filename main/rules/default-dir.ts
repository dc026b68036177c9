// The rule folder shipped with Klachtcoach, found from this file rather than the working
// directory, so `npx klachtcoach analyze` works from anywhere.
import { fileURLToPath } from 'node:url';

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
