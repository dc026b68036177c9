// `npm run train [-- --extra FILE]... [--without FILE]... [--rules DIR] [--out FILE] [--min-residual X]`: trains the
// learned scorer on the corpus's train split, the rules' own examples and any extra labelled
// files, and writes the model next to the rules (rules/nl/scorer.json). Deterministic: the same
// inputs give the same bytes. --without FILE leaves out every line that is also in FILE, for a
// model measured on FILE afterwards (`klachtcoach eval FILE --model OUT`). --min-residual X trains
// with another margin than the shipped one (LinearConfig.minResidual), to measure it against it.
import { statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_RULES_DIR } from '../main/rules/default-dir.ts';
import { modelFileFor } from '../main/rules/engine.ts';
import { loadRulesOrThrow, RuleLoadError } from '../main/rules/loader.ts';
import { corpusDirFor, TrainingDataError } from '../main/scorer/dataset.ts';
import { DEFAULT_FEATURES } from '../main/scorer/features.ts';
import { DEFAULT_LINEAR } from '../main/scorer/logistic.ts';
import { serialiseModel } from '../main/scorer/model-file.ts';
import { figures } from '../main/scorer/thresholds.ts';
import { defaultWorkers } from '../main/scorer/train-jobs.ts';
import { MIN_LINES, trainScorer } from '../main/scorer/train.ts';
import { InputFileError } from '../main/rules/jsonl-file.ts';

const usageError = (message: string): never => {
  console.error(`train: ${message}`);
  process.exit(2);
};
/** The command line, or a one-line message and exit 2 (never a stack trace). */
function readOptions() {
  try {
    return parseArgs({
      options: {
        extra: { type: 'string', multiple: true, default: [] },
        without: { type: 'string', multiple: true, default: [] },
        rules: { type: 'string', default: DEFAULT_RULES_DIR },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'min-residual': { type: 'string' },
      },
    });
  } catch (err) {
    return usageError((err as Error).message);
  }
}
const { values } = readOptions();
const minResidual = values['min-residual'] === undefined ? DEFAULT_LINEAR.minResidual : Number(values['min-residual']);
if (!(minResidual >= 0 && minResidual < 1)) {
  usageError(`--min-residual ${values['min-residual']}: give a number from 0 up to 1 (shipped: ${DEFAULT_LINEAR.minResidual})`);
}

const FOLDS = 5;
const started = performance.now();
const rulesDir = values.rules;
const out = values.out ?? modelFileFor(rulesDir);
try {
  const result = await trainScorer({
    rules: loadRulesOrThrow(rulesDir),
    corpusDir: corpusDirFor(rulesDir),
    extra: values.extra,
    without: values.without,
    features: DEFAULT_FEATURES,
    linear: { ...DEFAULT_LINEAR, minResidual },
    folds: FOLDS,
    workers: defaultWorkers(FOLDS + 1),
    minLines: MIN_LINES,
    log: values.quiet ? undefined : (m) => console.log(m),
  });
  writeFileSync(out, serialiseModel(result.model));
  if (!values.quiet) {
    console.log(`\n${'behaviour'.padEnd(22)} cv prec recall f1     tPattern tModel`);
    for (const b of result.model.behaviours) {
      const mark = b.reachedTarget ? '' : '  (precision floor not reached: best F1)';
      console.log(`${b.id.padEnd(22)} ${b.cv.precision.toFixed(3)}   ${b.cv.recall.toFixed(3)}  ${b.cv.f1.toFixed(3)}  ${b.tPattern.toFixed(2)}     ${b.tModel.toFixed(2)}${mark}`);
    }
    const sum = (k: 'tp' | 'fp' | 'fn'): number => result.model.behaviours.reduce((n, b) => n + b.cv[k], 0);
    const micro = figures({ tp: sum('tp'), fp: sum('fp'), fn: sum('fn') });
    console.log(`${'micro'.padEnd(22)} ${micro.precision.toFixed(3)}   ${micro.recall.toFixed(3)}  ${micro.f1.toFixed(3)}`);
  }
  const kb = (statSync(out).size / 1024).toFixed(0);
  console.log(`\nwrote ${out} (${kb} KB) from ${result.lines} lines, ${result.examples} examples, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  if (err instanceof RuleLoadError || err instanceof TrainingDataError || err instanceof InputFileError) {
    console.error(`train: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
