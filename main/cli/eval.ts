// `klachtcoach eval FILE.jsonl [--field text|asr|asrHeavy] [--json] [--misses]`: precision, recall and F1
// of the rule set per behaviour and micro-averaged, on labelled utterances. Without an `asr`
// field, --field asr judges a recogniser-style version of `text` (lower case, no punctuation);
// without an `asrHeavy` field, --field asrHeavy judges the noise model's heavy twin of `text`.
import { parseArgs } from 'node:util';
import { DEFAULT_RULES_DIR } from '../rules/default-dir.ts';
import { EVAL_FIELDS, evaluate, readLabelled, type EvalField, type EvalReport, type Score } from '../rules/evaluate.ts';
import { formatNote } from '../rules/jsonl-file.ts';
import { loadEngine, readInputFile } from './analyze.ts';
import { UserError } from './user-error.ts';

const pct = (n: number): string => n.toFixed(3);

function row(name: string, s: Score): string {
  return `${name.padEnd(22)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
}

function printTable(r: EvalReport): void {
  console.log(`${r.utterances} utterances, field: ${r.field}\n`);
  console.log(`${'behaviour'.padEnd(22)} prec   recall f1       tp   fp   fn`);
  for (const [b, s] of Object.entries(r.behaviours)) console.log(row(b, s));
  console.log(row('micro', r.micro));
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
      },
    });
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new UserError('missing FILE; usage: klachtcoach eval FILE.jsonl [--field text|asr|asrHeavy] [--json]', 2);
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, 2);
  const field = parsed.values.field;
  if (!(EVAL_FIELDS as readonly string[]).includes(field)) throw new UserError(`--field must be one of ${EVAL_FIELDS.join(', ')}, not "${field}"`, 2);
  const engine = loadEngine(parsed.values.rules ?? DEFAULT_RULES_DIR);
  const read = readInputFile(() => readLabelled(file));
  for (const note of read.notes) console.error(formatNote(file, note));
  if (read.items.length === 0) throw new UserError(`${file}: no usable labelled utterances`);
  const report = evaluate(engine, read.items.map((i) => i.value), field as EvalField);
  if (parsed.values.json) {
    const { misses: _misses, ...rest } = report;
    console.log(JSON.stringify(parsed.values.misses ? report : rest));
  } else {
    printTable(report);
    if (parsed.values.misses) {
      for (const m of report.misses) {
        const extraText = m.extra.map((e) => `+${e.behaviour}(${e.ruleId}: "${e.words}")`).join(' ');
        console.log(`\n${m.id}: ${m.input}\n   missed: ${m.missed.join(', ') || '-'}  ${extraText}`);
      }
    }
  }
  return read.notes.some((n) => n.level === 'error') ? 1 : 0;
}
