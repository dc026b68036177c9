// `klachtcoach eval FILE.jsonl|corpus-dev [--field text|asr|asrHeavy] [--json] [--misses] [--threshold X]
// [--model FILE | --no-model]`: how well the rules and the learned scorer find the labelled
// behaviours. Prints precision, recall and F1 per behaviour and micro-averaged; what each source
// contributed (pattern only, model only, both); and a calibration table (mean confidence against
// how often the behaviour is really there, in 10 bins). A line without the chosen field gets it
// derived (main/rules/evaluate.ts inputFor). --threshold X replaces every behaviour's
// fusion thresholds (tPattern and tModel) from the model file with X, to sweep; --misses lists
// the missed and false lines with their confidence and evidence. `corpus-dev` measures the
// corpus's dev split (rules/nl/corpus, lines with split "dev", which training never sees). Every
// run with a model also prints the live bar: the lowest confidence at which the findings at or
// above it are right 90 % of the time (coach.yaml liveConfidence is set from
// `eval corpus-dev --field asr`).
import { parseArgs } from 'node:util';
import { DEFAULT_RULES_DIR } from '../rules/default-dir.ts';
import { evaluate, EVAL_FIELDS, readLabelled, type EvalField, type EvalReport, type Miss, type Score } from '../rules/evaluate.ts';
import { formatNote } from '../rules/jsonl-file.ts';
import { corpusSplit } from '../rules/corpus.ts';
import type { JsonLinesResult } from '../rules/jsonl-file.ts';
import type { LabelledLine } from '../rules/evaluate.ts';
import { corpusDirFor } from '../scorer/dataset.ts';
import { loadEngine, readInputFile } from './analyze.ts';
import { UserError } from './user-error.ts';

/** The FILE that names the corpus's dev split instead of a file. */
export const CORPUS_DEV = 'corpus-dev';

const USAGE = 'klachtcoach eval FILE.jsonl|corpus-dev [--field text|asr|asrHeavy] [--json] [--misses] [--threshold X] [--model FILE | --no-model] [--rules DIR]';

const pct = (n: number): string => n.toFixed(3);

function row(name: string, s: Score): string {
  return `${name.padEnd(22)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
}

function printTable(r: EvalReport): void {
  console.log(`${r.utterances} utterances, field: ${r.field}`);
  if (r.model === null) console.log('model: none, the phrase rules work alone');
  else if (r.thresholds === 'model') console.log(`model: ${r.model}, each behaviour's own thresholds`);
  else console.log(`model: ${r.model}; --threshold ${r.thresholds} replaces every behaviour's tPattern and tModel for this run`);
  console.log(`\n${'behaviour'.padEnd(22)} prec   recall f1       tp   fp   fn`);
  for (const [b, s] of Object.entries(r.behaviours)) console.log(row(b, s));
  console.log(row('micro', r.micro));
  console.log(`\n${'found by'.padEnd(22)} findings   tp   fp  precision`);
  for (const [name, s] of [['pattern only', r.sources.pattern], ['model only', r.sources.model], ['both', r.sources.both]] as const) {
    console.log(`${name.padEnd(22)} ${String(s.findings).padStart(8)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)}  ${pct(s.precision)}`);
  }
  if (r.live !== null) {
    const l = r.live;
    const bar = l.threshold === null ? `no confidence reaches precision ${l.target}` : `${l.threshold.toFixed(2)} (precision ${pct(l.precision)}, ${l.shown} of ${l.findings} findings)`;
    console.log(`\nlive bar (lowest confidence whose findings at or above it reach precision ${l.target}): ${bar}`);
  }
  if (r.calibration.length > 0) {
    console.log('\ncalibration (every line x behaviour the model scores)\nconfidence   pairs  mean conf  observed');
    for (const b of r.calibration) {
      console.log(`${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.pairs).padStart(8)}  ${pct(b.meanConfidence).padStart(9)}  ${pct(b.observed).padStart(8)}`);
    }
  }
}

function printMiss(m: Miss): void {
  const conf = (c: number | undefined): string => (c === undefined ? '' : ` ${c.toFixed(2)}`);
  const missed = m.missed.map((x) => `${x.behaviour}${conf(x.confidence)}`).join(', ') || '-';
  console.log(`\n${m.id}: ${m.input}\n   missed: ${missed}`);
  for (const e of m.extra) {
    const words = e.evidence.map((s) => `"${s.text}"`).join(' ');
    console.log(`   false:  ${e.behaviour}${conf(e.confidence)} by ${e.origin ?? 'pattern'} (${e.ruleId}) ${words}`);
  }
}

/** The corpus's dev split, as a labelled file would read; a corpus with problems is refused. */
function corpusDev(rulesDir: string): JsonLinesResult<LabelledLine> {
  const dir = corpusDirFor(rulesDir);
  const read = corpusSplit(dir, 'dev');
  if (read.problems.length > 0) throw new UserError(`${dir}: the corpus has problems (klachtcoach rules check lists them):\n${read.problems.map(String).join('\n')}`);
  return { items: read.lines.map((l) => ({ line: l.line, value: l.value })), notes: [] };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        json: { type: 'boolean', default: false },
        misses: { type: 'boolean', default: false },
        field: { type: 'string', default: 'text' },
        rules: { type: 'string' },
        model: { type: 'string' },
        'no-model': { type: 'boolean', default: false },
        threshold: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  const [file, ...extra] = parsed.positionals;
  const v = parsed.values;
  if (!file) throw new UserError(`missing FILE; usage: ${USAGE}`, 2);
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, 2);
  const field = v.field as EvalField;
  if (!EVAL_FIELDS.includes(field)) throw new UserError(`--field must be one of ${EVAL_FIELDS.join(', ')}, not "${v.field}"`, 2);
  const threshold = v.threshold === undefined ? undefined : Number(v.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new UserError(`--threshold must be a number from 0 to 1, not "${v.threshold}"`, 2);
  if (v.model !== undefined && v['no-model']) throw new UserError('use --model FILE or --no-model, not both', 2);
  const rulesDir = v.rules ?? DEFAULT_RULES_DIR;
  const engine = loadEngine(rulesDir, v['no-model'] ? { model: null } : v.model === undefined ? {} : { model: v.model });
  if (v.model !== undefined && engine.scorerStatus.state !== 'loaded') throw new UserError(`--model ${v.model}: cannot use it (see the warning above)`);
  if (threshold !== undefined && engine.scorer === null) throw new UserError('--threshold needs the learned scorer, and no model is loaded');
  const read = file === CORPUS_DEV ? corpusDev(rulesDir) : readInputFile(() => readLabelled(file));
  for (const note of read.notes) console.error(formatNote(file, note));
  if (read.items.length === 0) throw new UserError(`${file}: no usable labelled utterances`);
  const report = evaluate(engine, read.items.map((i) => i.value), field, { threshold });
  if (v.json) {
    const { misses: _misses, ...rest } = report;
    console.log(JSON.stringify(v.misses ? report : rest));
  } else {
    printTable(report);
    if (v.misses) report.misses.forEach(printMiss);
  }
  return read.notes.some((n) => n.level === 'error') ? 1 : 0;
}
