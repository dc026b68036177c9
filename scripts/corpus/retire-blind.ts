// Retires blind sets into the corpus. A blind set measures the scorer once, by the commit that
// adds it, and its first run stays in the README; after that it is one more re-score of lines
// the scorer has been judged on. Once newer blind sets measure the scorer, the old set's lines,
// written by authors the corpus never had, teach more as training lines. Each retired set's
// lines become corpus files (one per authoring brief, as the corpus keeps them, all in the train
// split so the dev figures stay comparable), its labelling log joins labelling/labels.jsonl, the
// set and its log leave the fixtures, and the corpus figures are recomputed.
//
//   npx tsx scripts/corpus/retire-blind.ts [--fixtures test/rules/fixtures] [--corpus rules/nl/corpus] blind-1 blind-2 ...
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { blindFiles, checkCorpus, readCorpusDir, type BlindLine } from '../../main/rules/corpus.ts';
import { readJsonl, writeJsonl } from './pool.ts';
import { figuresOf, writeCorpusFigures, type LogLine } from './stats.ts';

const { values, positionals: sets } = parseArgs({
  allowPositionals: true,
  options: {
    fixtures: { type: 'string', default: 'test/rules/fixtures' },
    corpus: { type: 'string', default: 'rules/nl/corpus' },
  },
});
const fail = (message: string): never => {
  console.error(`retire-blind: ${message}`);
  process.exit(1);
};
if (sets.length === 0) fail('name the blind sets to retire, e.g. blind-1 blind-2');

const logFile = join(values.corpus, 'labelling', 'labels.jsonl');
const corpusLog = readJsonl<LogLine>(logFile);
const logged = new Set(corpusLog.map((l) => l.id));
const retired: { file: string; logFile: string; rows: BlindLine[]; log: LogLine[] }[] = [];
// A set that cannot be retired leaves the corpus and the fixtures as they were: its files are
// checked here before anything is written, and the corpus check after the corpus files are
// written takes them out again on a problem.
for (const name of sets) {
  const file = join(values.fixtures, `${name}.jsonl`);
  const setLog = join(values.fixtures, 'blind-labelling', `${name}-labelling.jsonl`);
  if (!existsSync(file)) fail(`${file}: no such blind set`);
  if (!existsSync(setLog)) fail(`${setLog}: the set's labelling log is missing; the corpus keeps every line's two labellings`);
  const rows = readJsonl<BlindLine>(file);
  const log = readJsonl<LogLine>(setLog);
  const labelled = new Set(log.map((l) => l.id));
  const missing = rows.filter((r) => !labelled.has(r.id));
  if (missing.length > 0) fail(`${setLog}: no labelling for ${missing.slice(0, 5).map((r) => r.id).join(', ')}`);
  const twice = rows.find((r) => logged.has(r.id));
  if (twice) fail(`${file}: id ${twice.id} is already in ${logFile}`);
  const taken = rows.find((r) => existsSync(join(values.corpus, `${r.author}.jsonl`)));
  if (taken) fail(`${join(values.corpus, `${taken.author}.jsonl`)} already exists (brief ${taken.author})`);
  retired.push({ file, logFile: setLog, rows, log });
}

const written: string[] = [];
for (const set of retired) {
  for (const author of [...new Set(set.rows.map((r) => r.author))]) {
    const lines = set.rows.filter((r) => r.author === author).map((r) => ({ ...r, split: 'train' as const }));
    const out = join(values.corpus, `${author}.jsonl`);
    writeJsonl(out, lines);
    written.push(out);
  }
}
// The check `rules check` makes: schema, ids, and no line in two of train, dev and blind (the
// sets that stay blind).
const staying = blindFiles(values.fixtures).filter((f) => !retired.some((set) => set.file === f));
const { problems } = checkCorpus(values.corpus, staying);
if (problems.length > 0) {
  for (const out of written) rmSync(out);
  fail(`the corpus would have problems, so nothing was changed:\n${problems.map(String).join('\n')}`);
}
const corpus = readCorpusDir(values.corpus);
corpusLog.push(...retired.flatMap((set) => set.log));
writeJsonl(logFile, corpusLog);
writeCorpusFigures(values.corpus, figuresOf(corpus.lines.map((l) => l.value), corpusLog));
for (const set of retired) {
  rmSync(set.file);
  rmSync(set.logFile);
}
console.log(`retired ${retired.map((s) => `${s.file} (${s.rows.length} lines)`).join(', ')} into ${values.corpus}: ${corpus.lines.length} corpus lines in all`);
