// `rules check` on the learned scorer's model beside a rule folder: the file must read, and it
// must have been trained on the corpus that is there now. A model trained on another corpus
// would carry thresholds and calibration measured on lines that are no longer the lines.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleProblem } from '../rules/loader.ts';
import { corpusHash } from './corpus-hash.ts';
import { MODEL_FILE_NAME } from './model-file.ts';
import { ModelFileError, readScorer } from './scorer.ts';


/** The line of a top-level key in the written model (one key a line, see serialiseModel). */
function lineOfKey(file: string, key: string): number {
  const idx = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(` "${key}":`));
  return idx < 0 ? 1 : idx + 1;
}

/** Problems with the model in a language folder (rules/nl); none when there is no model file. */
export function checkModel(languageDir: string): RuleProblem[] {
  const file = join(languageDir, MODEL_FILE_NAME);
  if (!existsSync(file)) return [];
  let expected: string;
  try {
    expected = readScorer(file).corpusHash;
  } catch (err) {
    if (!(err instanceof ModelFileError)) throw err;
    const [field, ...rest] = err.message.split(': ');
    return [new RuleProblem(file, 1, rest.length > 0 ? field! : '', `${rest.length > 0 ? rest.join(': ') : err.message}; run \`npm run train\` to rebuild it`)];
  }
  const corpusDir = join(languageDir, 'corpus');
  const actual = corpusHash(corpusDir);
  if (actual === expected) return [];
  return [new RuleProblem(file, lineOfKey(file, 'corpusHash'), 'corpusHash',
    `the model was trained on another corpus (${expected.slice(0, 19)}…) than ${corpusDir} holds now (${actual.slice(0, 19)}…); run \`npm run train\``)];
}
