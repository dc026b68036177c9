// Step 4 of making the corpus (rules/nl/corpus/README.md): joins each pooled line with its two
// independent labellings and, where they differ, the adjudicator's decision; gives each line its
// recogniser twins and its split; writes the corpus (one file per authoring brief) or a blind
// set, the labelling log, and the figures the README quotes (counts, Cohen's kappa per
// behaviour, how often adjudication was needed, word error of the twins).
//
//   npx tsx scripts/corpus/assemble.ts --work DIR --set corpus --out rules/nl/corpus
//   npx tsx scripts/corpus/assemble.ts --work DIR --set blind --out test/rules/fixtures --name blind-1 --authors b1-
//
// Reads DIR/<set>-pool.jsonl, DIR/labels/{A,B}/<set>-*.jsonl and DIR/adjudication/<set>-*.jsonl.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BehaviourId } from '../../main/contracts/behaviours.ts';
import { readCorpusDir, TEXT_BEHAVIOURS, type BlindLine } from '../../main/rules/corpus.ts';
import { NOISE_LEVELS, recogniserTwin } from '../../main/rules/recogniser-noise.ts';
import { readJsonl, writeJsonl, type PoolLine } from './pool.ts';
import { figuresOf, renderStats, writeCorpusFigures, type LogLine } from './stats.ts';

const { values } = parseArgs({
  options: {
    work: { type: 'string' },
    set: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
    authors: { type: 'string', default: '' },
  },
});
const { work, set, out } = values;
if (!work || !out || (set !== 'corpus' && set !== 'blind')) {
  console.error('usage: assemble.ts --work DIR --set corpus|blind --out DIR [--name FILE --authors PREFIX]');
  process.exit(2);
}

interface Labelling { id: string; labels: string[] }
interface Decision { id: string; labels: string[]; reason?: string }

function readAll<T extends { id: string }>(dir: string): Map<string, T> {
  const byId = new Map<string, T>();
  if (!existsSync(dir)) return byId;
  for (const f of readdirSync(dir).filter((n) => n.startsWith(`${set}-`) && n.endsWith('.jsonl')).sort()) {
    for (const row of readJsonl<T>(join(dir, f))) byId.set(row.id, row);
  }
  return byId;
}

const known = new Set<string>(TEXT_BEHAVIOURS);
/** A labeller's set, cleaned: only text-detectable catalogue ids, each once, sorted. */
function clean(labels: readonly string[] | undefined, who: string, id: string): BehaviourId[] {
  const ok = [...new Set(labels ?? [])].filter((b) => {
    if (known.has(b)) return true;
    console.warn(`${who} ${id}: "${b}" is not a text behaviour; left out`);
    return false;
  });
  return (ok as BehaviourId[]).sort();
}

const pool = readJsonl<PoolLine>(join(work, `${set}-pool.jsonl`)).filter((l) => l.id.startsWith(values.authors));
const labelsA = readAll<Labelling>(join(work, 'labels', 'A'));
const labelsB = readAll<Labelling>(join(work, 'labels', 'B'));
const decisions = readAll<Decision>(join(work, 'adjudication'));

/** 15 % of the corpus is dev (thresholds, the live threshold); the split follows the id, so it is stable. */
function splitOf(id: string): 'train' | 'dev' {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 100 < 15 ? 'dev' : 'train';
}

const missing: string[] = [];
const rows: (BlindLine & { split?: 'train' | 'dev' })[] = [];
const log: LogLine[] = [];
for (const line of pool) {
  const a = labelsA.get(line.id);
  const b = labelsB.get(line.id);
  if (!a || !b) {
    missing.push(`${line.id}: no label from ${!a ? 'A' : ''}${!a && !b ? ' and ' : ''}${!b ? 'B' : ''}`);
    continue;
  }
  const la = clean(a.labels, 'A', line.id);
  const lb = clean(b.labels, 'B', line.id);
  const agree = la.join() === lb.join();
  const decision = decisions.get(line.id);
  if (!agree && !decision) {
    missing.push(`${line.id}: labellers disagree and no adjudication`);
    continue;
  }
  const labels = agree ? la : clean(decision!.labels, 'adjudicator', line.id);
  // Where A and B agree, their labels are final; only a decision is logged with its reason.
  log.push({ id: line.id, a: la, b: lb, ...(agree ? {} : { final: labels, reason: decision!.reason ?? '' }) });
  rows.push({
    id: line.id,
    text: line.text,
    asr: recogniserTwin(line.text, line.id, NOISE_LEVELS.asr),
    asrHeavy: recogniserTwin(line.text, line.id, NOISE_LEVELS.asrHeavy),
    labels,
    context: line.context,
    author: line.author,
    ...(set === 'corpus' ? { split: splitOf(line.id) } : {}),
    ...(line.hard ? { hard: true } : {}),
  });
}
if (missing.length > 0) {
  console.error(`${missing.length} line(s) not ready:\n${missing.slice(0, 20).join('\n')}`);
  process.exit(1);
}

mkdirSync(out, { recursive: true });
// The corpus grows by rounds, each from its own working folder: this round's briefs are written
// (again), the earlier rounds' files and labelling log entries stay as they are, and the
// figures are computed over the whole corpus.
let whole: { rows: typeof rows; log: LogLine[] } = { rows, log };
if (set === 'corpus') {
  for (const author of [...new Set(rows.map((r) => r.author))]) writeJsonl(join(out, `${author}.jsonl`), rows.filter((r) => r.author === author));
  mkdirSync(join(out, 'labelling'), { recursive: true });
  const logFile = join(out, 'labelling', 'labels.jsonl');
  const ours = new Set(log.map((l) => l.id));
  const earlier = existsSync(logFile) ? readJsonl<LogLine>(logFile).filter((l) => !ours.has(l.id)) : [];
  whole = { rows: readCorpusDir(out).lines.map((l) => l.value), log: [...earlier, ...log] };
  writeJsonl(logFile, whole.log);
} else {
  writeJsonl(join(out, `${values.name}.jsonl`), rows);
  writeJsonl(join(work, `${values.name}-labelling.jsonl`), log);
}

const stats = figuresOf(whole.rows, whole.log);
if (set === 'corpus') writeCorpusFigures(out, stats);
else {
  writeFileSync(join(work, `${values.name}-stats.json`), JSON.stringify(stats, null, 1) + '\n');
  console.log(renderStats(stats));
}
console.log(`${set}: ${rows.length} lines written to ${out} (${whole.rows.length} in all); word error asr ${stats.wordErrorRate.asr!.toFixed(3)}, asrHeavy ${stats.wordErrorRate.asrHeavy!.toFixed(3)}`);
