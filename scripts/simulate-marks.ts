// What supervisors' marks do to the scorer, simulated end to end:
//   npx tsx scripts/simulate-marks.ts --calls FILE.jsonl|corpus-dev --measure FILE.jsonl [--measure ...]
// Every line of --calls (a labelled file, or `corpus-dev`: the corpus's dev split, which training
// never sees) is played as one utterance of a call through the shipped engine (rules +
// model) and its findings are recorded in a throwaway call store. A simulated supervisor marks
// every text finding "Terecht" when the line's label has the behaviour and "Onterecht" when not
// (supervisors only see findings: a missed behaviour gets no mark). The marks are exported with
// the same code as `klachtcoach review export-marks`, the model is retrained with them as
// --extra lines, and both models are measured on the --measure sets (which must be other lines).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusSplit } from '../main/rules/corpus.ts';
import { DEFAULT_RULES_DIR } from '../main/rules/default-dir.ts';
import { RuleEngine } from '../main/rules/engine.ts';
import { evaluate, readLabelled, type EvalField } from '../main/rules/evaluate.ts';
import { corpusDirFor } from '../main/scorer/dataset.ts';
import { DEFAULT_FEATURES } from '../main/scorer/features.ts';
import { DEFAULT_LINEAR } from '../main/scorer/logistic.ts';
import { Scorer } from '../main/scorer/scorer.ts';
import { defaultWorkers } from '../main/scorer/train-jobs.ts';
import { MIN_LINES, trainScorer } from '../main/scorer/train.ts';
import { createCallRecorder } from '../main/store/call-recorder.ts';
import { markedLines } from '../main/store/marked-lines.ts';
import { markFinding } from '../main/store/marks.ts';
import { openStore } from '../main/store/open-store.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string' },
    measure: { type: 'string', multiple: true, default: [] },
    field: { type: 'string', default: 'text' },
  },
});
if (!values.calls || values.measure.length === 0) {
  console.error('usage: npx tsx scripts/simulate-marks.ts --calls FILE.jsonl|corpus-dev --measure FILE.jsonl [--measure ...] [--field text|asr|asrHeavy]');
  process.exit(2);
}
const field = values.field as EvalField;
const dir = mkdtempSync(join(tmpdir(), 'kc-marks-'));
try {
  const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
  if (!engine.scorer) throw new Error('no model to start from: run npm run train first');
  const store = openStore(join(dir, 'calls.sqlite'));
  const recorder = createCallRecorder(store);
  const calls = values.calls === 'corpus-dev'
    ? corpusSplit(corpusDirFor(DEFAULT_RULES_DIR), 'dev').lines.map((l) => l.value)
    : readLabelled(values.calls).items.map((i) => i.value);
  let marked = 0, wrong = 0;
  const callId = recorder.startCall({ agentId: 'simulated' });
  calls.forEach((line, i) => {
    const startMs = i * 10_000;
    const utterance = { startMs, endMs: startMs + 3_000, text: line.text };
    recorder.recordUtterance(callId, utterance);
    for (const f of engine.analyzeUtterance(utterance)) {
      const right = line.labels.includes(f.behaviour);
      markFinding(store, recorder.recordFinding(callId, f), { verdict: right ? 'right' : 'wrong' }, 'simulated-supervisor');
      marked++;
      if (!right) wrong++;
    }
  });
  recorder.endCall(callId, {});
  const { lines } = markedLines(store);
  store.close();
  const marksFile = join(dir, 'marks.jsonl');
  writeFileSync(marksFile, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  console.log(`${calls.length} call lines from ${values.calls}: ${marked} findings marked (${wrong} Onterecht), ${lines.length} labelled lines exported`);

  const rules = engine.rules;
  const retrained = (await trainScorer({
    rules: [...rules], corpusDir: corpusDirFor(DEFAULT_RULES_DIR), extra: [marksFile], without: [],
    features: DEFAULT_FEATURES, linear: DEFAULT_LINEAR, folds: 5, minLines: MIN_LINES, workers: defaultWorkers(6),
  })).model;
  const after = new RuleEngine(rules, new Scorer(retrained), { state: 'loaded', file: 'retrained with the marks' });
  console.log(`\n${'set'.padEnd(34)} ${'before: P     R     F1'.padEnd(24)} after:  P     R     F1`);
  for (const file of values.measure) {
    const set = readLabelled(file).items.map((i) => i.value);
    const b = evaluate(engine, set, field).micro;
    const a = evaluate(after, set, field).micro;
    const f = (s: typeof a): string => `${s.precision.toFixed(3)} ${s.recall.toFixed(3)} ${s.f1.toFixed(3)}`;
    console.log(`${`${file} (${field})`.padEnd(34)} ${f(b).padEnd(24)} ${f(a)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
