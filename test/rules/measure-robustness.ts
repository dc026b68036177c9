// Prints precision/recall of the Dutch rule set per labelled file, for: typed text, recogniser
// style, one short word dropped per line, and one Whisper-style substitution per line.
// Run: npx tsx test/rules/measure-robustness.ts [FILE.jsonl ...]
import { existsSync } from 'node:fs';
import { RuleEngine } from '../../main/rules/engine.ts';
import { evaluate, readLabelled, type EvalReport } from '../../main/rules/evaluate.ts';
import { dropShortWord, substituteLikeWhisper } from './asr-noise.ts';

const DEFAULT_FILES = [
  '../shared/eval/dev-utterances.jsonl',
  ...['heldout', 'heldout-b', 'heldout-c', 'heldout-d', 'heldout-e'].map((n) => `test/rules/fixtures/${n}.jsonl`),
];

const fmt = (r: EvalReport): string => `P ${r.micro.precision.toFixed(3)} R ${r.micro.recall.toFixed(3)}`;

// Measures the phrase rules alone; the learned scorer is measured with `klachtcoach eval`.
const engine = RuleEngine.fromDir('rules', { model: null });
const files = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FILES;
console.log(['file', 'text', 'asr', 'drop-short', 'substitute'].join(' | '));
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`${file} | not found, skipped`);
    continue;
  }
  const lines = readLabelled(file).items.map((i) => i.value);
  const cells = [
    evaluate(engine, lines, 'text'),
    evaluate(engine, lines, 'asr'),
    evaluate(engine, dropShortWord(lines), 'text'),
    evaluate(engine, substituteLikeWhisper(lines), 'text'),
  ].map(fmt);
  console.log([file.split('/').pop(), ...cells].join(' | '));
}
