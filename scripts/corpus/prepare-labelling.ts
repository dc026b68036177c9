// Step 2 of making the corpus (rules/nl/corpus/README.md tells the whole story): takes the lines
// the authoring runs wrote, drops near-duplicates across everything (normalised text, and the
// same words in another order), gives each line its id, and deals the lines out to labellers
// in shuffled chunks that show only id, context and text, never the author's intended label.
//
//   npx tsx scripts/corpus/prepare-labelling.ts --work DIR --set corpus|blind [--chunk 1000] [--also FILE.jsonl] [--brief NAME ...]
//
// DIR/authored/<brief>.jsonl (corpus) or DIR/blind/<brief>.jsonl (blind) in, DIR/<set>-pool.jsonl
// and DIR/chunks/<set>-NN.jsonl out (new chunks for lines not dealt out before). Lines of the other set's pool count as already seen, so a
// blind line never repeats a corpus line; so do the lines already in the repo (the corpus and
// the blind sets), so a later round never repeats an earlier one even when the earlier round's
// working folder is gone. --also adds an already labelled set (the shared dev set) to the pool,
// to be labelled again like the rest.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { normalisedText, readCorpusDir } from '../../main/rules/corpus.ts';
import { readJsonl, seededShuffle, writeJsonl, type PoolLine } from './pool.ts';

const { values } = parseArgs({
  options: {
    work: { type: 'string' },
    set: { type: 'string' },
    chunk: { type: 'string', default: '1000' },
    also: { type: 'string', multiple: true, default: [] },
    // Only these briefs (file names without .jsonl): the runs that have finished writing.
    brief: { type: 'string', multiple: true },
  },
});
const work = values.work;
const set = values.set;
if (!work || (set !== 'corpus' && set !== 'blind')) {
  console.error('usage: prepare-labelling.ts --work DIR --set corpus|blind [--chunk N] [--also FILE.jsonl]');
  process.exit(2);
}

const seen = new Set<string>();
const otherPool = join(work, `${set === 'corpus' ? 'blind' : 'corpus'}-pool.jsonl`);
if (existsSync(otherPool)) for (const l of readJsonl<PoolLine>(otherPool)) seen.add(normalisedText(l.text));
const srcDir = join(work, set === 'corpus' ? 'authored' : 'blind');
// The repo's lines from this folder's own briefs are this round's, already assembled: not seen before.
const ownBriefs = new Set(readdirSync(srcDir).filter((f) => f.endsWith('.jsonl')).map((f) => basename(f, '.jsonl')));
const repo = join(import.meta.dirname, '..', '..');
const fixtures = join(repo, 'test', 'rules', 'fixtures');
const inRepo = [
  ...readCorpusDir(join(repo, 'rules', 'nl', 'corpus')).lines.map((l) => l.value),
  ...readdirSync(fixtures).filter((n) => /^blind-\d+\.jsonl$/.test(n)).flatMap((f) => readJsonl<{ text: string; author: string }>(join(fixtures, f))),
];
for (const l of inRepo) if (!ownBriefs.has(l.author)) seen.add(normalisedText(l.text));

/** Same words in another order ("dat kan ik niet" / "ik kan dat niet") count as the same line. */
const bagOfWords = (text: string): string => normalisedText(text).split(' ').sort().join(' ');
const seenBags = new Set([...seen].map((t) => t.split(' ').sort().join(' ')));

const pool: PoolLine[] = [];
let dropped = 0;
/** Id -> the brief that has it: two briefs whose names share a prefix would number alike. */
const idOwner = new Map<string, string>();
const add = (line: Omit<PoolLine, 'id'>, id: string): void => {
  const owner = idOwner.get(id);
  if (owner !== undefined) {
    console.error(`prepare-labelling: id ${id} of ${line.author} is already ${owner}'s: ids are the brief's name up to its first "-" and a line number, so give each brief its own prefix (e.g. b12a-..., b12b-...)`);
    process.exit(1);
  }
  idOwner.set(id, line.author);
  const key = normalisedText(line.text);
  const bag = bagOfWords(line.text);
  if (key === '' || seen.has(key) || seenBags.has(bag)) {
    dropped++;
    return;
  }
  seen.add(key);
  seenBags.add(bag);
  pool.push({ id, ...line });
};

for (const file of values.also) {
  for (const l of readJsonl<{ id: string; text: string; context?: string; labels: string[] }>(file)) {
    add({ text: l.text, context: l.context ?? '', author: 'shared-dev-set', intended: l.labels, hard: false, phase: '' }, l.id);
  }
}
const finished = (name: string): boolean => !values.brief || values.brief.includes(basename(name, '.jsonl'));
for (const name of readdirSync(srcDir).filter((f) => f.endsWith('.jsonl') && finished(f)).sort()) {
  const author = basename(name, '.jsonl');
  const prefix = author.split('-')[0]!;
  let n = 0;
  for (const l of readJsonl<{ text: string; context?: string; intended?: string[]; hard?: boolean; phase?: string }>(join(srcDir, name))) {
    n++;
    add({ text: l.text.trim(), context: (l.context ?? '').trim(), author, intended: l.intended ?? [], hard: l.hard === true, phase: l.phase ?? '' },
      `${prefix}-${String(n).padStart(4, '0')}`);
  }
}

writeJsonl(join(work, `${set}-pool.jsonl`), pool);
// Authoring runs finish at different times, so labelling starts before the last one is in: lines
// already dealt out keep their chunk, and only new lines go into new chunks.
const chunkDir = join(work, 'chunks');
mkdirSync(chunkDir, { recursive: true });
const existing = readdirSync(chunkDir).filter((f) => f.startsWith(`${set}-`)).sort();
const dealt = new Set(existing.flatMap((f) => readJsonl<{ id: string }>(join(chunkDir, f)).map((l) => l.id)));
const fresh = seededShuffle(pool.filter((l) => !dealt.has(l.id)), set === 'corpus' ? 11 : 29);
const chunkSize = Number(values.chunk);
const chunks = Math.ceil(fresh.length / chunkSize);
for (let c = 0; c < chunks; c++) {
  const part = fresh.slice(c * chunkSize, (c + 1) * chunkSize).map((l) => ({ id: l.id, context: l.context, text: l.text }));
  writeJsonl(join(chunkDir, `${set}-${String(existing.length + c + 1).padStart(2, '0')}.jsonl`), part);
}
console.log(`${set}: ${pool.length} lines in the pool, ${dropped} near-duplicates dropped, ${fresh.length} new lines in ${chunks} new chunk(s) of at most ${chunkSize}`);
