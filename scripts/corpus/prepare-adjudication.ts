// Step 3 of making the corpus (rules/nl/corpus/README.md): where labellers A and B gave a line
// different label sets, the line goes to a third person, who sees both sets (unnamed) and the
// definitions, and decides. Writes the lines not decided yet as DIR/adjudication-in/<set>-NN.jsonl;
// the decisions come back as DIR/adjudication/<set>-NN.jsonl.
//
//   npx tsx scripts/corpus/prepare-adjudication.ts --work DIR --set corpus|blind
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonl, writeJsonl, type PoolLine } from './pool.ts';

const { values } = parseArgs({ options: { work: { type: 'string' }, set: { type: 'string' } } });
const { work, set } = values;
if (!work || (set !== 'corpus' && set !== 'blind')) {
  console.error('usage: prepare-adjudication.ts --work DIR --set corpus|blind');
  process.exit(2);
}

const idsIn = (dir: string): Map<string, string[]> => {
  const byId = new Map<string, string[]>();
  if (!existsSync(dir)) return byId;
  for (const f of readdirSync(dir).filter((n) => n.startsWith(`${set}-`)).sort()) {
    for (const r of readJsonl<{ id: string; labels: string[] }>(join(dir, f))) byId.set(r.id, r.labels);
  }
  return byId;
};
const a = idsIn(join(work, 'labels', 'A'));
const b = idsIn(join(work, 'labels', 'B'));
const decided = idsIn(join(work, 'adjudication'));
const pending = idsIn(join(work, 'adjudication-in'));
const key = (labels: readonly string[]): string => [...new Set(labels)].sort().join();

const todo = readJsonl<PoolLine>(join(work, `${set}-pool.jsonl`))
  .filter((l) => a.has(l.id) && b.has(l.id) && key(a.get(l.id)!) !== key(b.get(l.id)!) && !decided.has(l.id) && !pending.has(l.id))
  .map((l) => ({ id: l.id, context: l.context, text: l.text, labeller1: a.get(l.id), labeller2: b.get(l.id) }));
const outDir = join(work, 'adjudication-in');
mkdirSync(outDir, { recursive: true });
const n = readdirSync(outDir).filter((f) => f.startsWith(`${set}-`)).length + 1;
const file = join(outDir, `${set}-${String(n).padStart(2, '0')}.jsonl`);
if (todo.length > 0) writeJsonl(file, todo);
console.log(todo.length > 0 ? `${todo.length} lines to adjudicate in ${file}` : 'nothing new to adjudicate');
