// `npx tsx bench/compare-rules.ts REV [--pairs N] [--rules-only]`: this tree's text pipeline (the
// phrase rules and the learned scorer, as the live coach runs them) against git revision REV's,
// in one process, on the same utterances. Rounds alternate between the two engines (A then B,
// B then A, ...), each timed in CPU time, and each pair gives a ratio. This machine's speed drifts
// by a factor of two within an hour, so two separate `npm run bench -- rules` runs cannot show a
// change of 5-10 %; two rounds a second apart see the same machine. Prints the median rate of each
// and the median, lowest and highest ratio of the pairs.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT as projectRoot } from '../main/project-root.ts';
import { readCorpusDir } from '../main/rules/corpus.ts';
import { corpusDirFor } from '../main/scorer/dataset.ts';
import { fmt, median } from './stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { pairs: { type: 'string', default: '21' }, 'rules-only': { type: 'boolean', default: false } },
});
const rev = positionals[0];
const pairs = Number(values.pairs);
if (!rev || !Number.isInteger(pairs) || pairs < 1) {
  console.error('usage: npx tsx bench/compare-rules.ts REV [--pairs N] [--rules-only]');
  process.exit(2);
}
const withScorer = !values['rules-only'];

/**
 * What each tree's bundle runs: its own engine, rules and model, built as the bench builds them,
 * timing one pass over the utterances in CPU time (utterances per second).
 */
const ENTRY = `
import { RuleEngine, createCallContext, modelFileFor } from './main/rules/engine.ts';
import { readScorer } from './main/scorer/scorer.ts';
export function makeRound(rulesDir, withScorer, texts) {
  const rulesOnly = RuleEngine.fromDir(rulesDir, { model: null });
  const modelFile = modelFileFor(rulesDir);
  const engine = withScorer ? new RuleEngine(rulesOnly.rules, readScorer(modelFile), { state: 'loaded', file: modelFile }) : rulesOnly;
  for (let i = 0; i < 3; i++) for (const text of texts) engine.analyzeUtterance({ startMs: 0, endMs: 1, text });
  return () => {
    const ctx = createCallContext();
    const c0 = process.cpuUsage();
    for (const text of texts) engine.analyzeUtterance({ startMs: 0, endMs: 1, text }, ctx);
    const c = process.cpuUsage(c0);
    return texts.length / ((c.user + c.system) / 1e6);
  };
}
`;

type MakeRound = (rulesDir: string, withScorer: boolean, texts: readonly string[]) => () => number;

/** Bundles a tree's engine; the bundle sits in node_modules/.cache so its packages resolve. */
async function bundle(tree: string, name: string): Promise<MakeRound> {
  const esbuild = await import('esbuild');
  const outDir = join(projectRoot, 'node_modules', '.cache', 'klachtcoach-compare');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}-${process.pid}.mjs`);
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: tree, loader: 'ts', sourcefile: 'compare-entry.ts' },
    bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error',
  });
  try {
    return ((await import(pathToFileURL(outfile).href)) as { makeRound: MakeRound }).makeRound;
  } finally {
    rmSync(outfile, { force: true });
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'kc-compare-'));
const other = join(scratch, 'tree');
try {
  execFileSync('git', ['worktree', 'add', '--detach', other, rev], { cwd: projectRoot, stdio: 'ignore' });
} catch {
  console.error(`compare-rules: cannot check out "${rev}" (is it a commit of this repository?)`);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}
/** Times the two engines in alternating rounds; returns the exit code. */
async function compare(): Promise<number> {
  if (!existsSync(join(other, 'node_modules'))) symlinkSync(join(projectRoot, 'node_modules'), join(other, 'node_modules'));
  // The same utterances for both: every 7th corpus line of this tree with its two twins.
  const texts = readCorpusDir(corpusDirFor(join(projectRoot, 'rules'))).lines
    .filter((_, i) => i % 7 === 0)
    .flatMap((l) => [l.value.text, l.value.asr, l.value.asrHeavy]);
  const here = (await bundle(projectRoot, 'here'))(join(projectRoot, 'rules'), withScorer, texts);
  let there: () => number;
  try {
    there = (await bundle(other, 'there'))(join(other, 'rules'), withScorer, texts);
  } catch (err) {
    // A revision from before the scorer, or with another engine API, cannot be compared this way.
    console.error(`compare-rules: the engine of ${rev} does not load with this harness: ${(err as Error).message.split('\n')[0]}`);
    return 1;
  }
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = here();
      y = there();
    } else {
      y = there();
      x = here();
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  const what = withScorer ? 'rules and scorer' : 'rules alone';
  console.log(`${what}, ${texts.length} utterances per round, ${pairs} pairs of rounds, CPU time on one core`);
  console.log(`this tree: median ${fmt(median(a), 0)} utterances/s; ${rev}: median ${fmt(median(b), 0)} utterances/s`);
  console.log(`ratio per pair (this tree / ${rev}): median ${fmt(median(ratios), 3)}, lowest ${fmt(Math.min(...ratios), 3)}, highest ${fmt(Math.max(...ratios), 3)}`);
  return 0;
}

try {
  process.exitCode = await compare();
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', other], { cwd: projectRoot, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
}
