// The quality bar of the Dutch rule set, measured like `klachtcoach eval`: on the team's labelled
// dev set (text and recogniser-style) and on our own held-out file, written before tuning.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../main/rules/engine.ts';
import { evaluate, readLabelled, type EvalReport } from '../../main/rules/evaluate.ts';
import { recogniserStyle } from '../../main/rules/normalise.ts';
import { dropShortWord, substituteLikeWhisper } from './asr-noise.ts';

const DEV = '../shared/eval/dev-utterances.jsonl';
// heldout.jsonl was written before the rules were tuned (then used once to find false alarms);
// heldout-b.jsonl was written after them and never used for tuning.
const HELDOUT = ['test/rules/fixtures/heldout.jsonl', 'test/rules/fixtures/heldout-b.jsonl'];
// The phrase rules alone: these floors measure the rules, the learned scorer is measured apart
// (test/scorer/ and the README's eval figures).
const engine = RuleEngine.fromDir('rules', { model: null });

function report(file: string, field: 'text' | 'asr'): EvalReport {
  const { items, notes } = readLabelled(file);
  expect(notes.filter((n) => n.level === 'error')).toEqual([]);
  return evaluate(engine, items.map((i) => i.value), field);
}

function weakest(r: EvalReport): [string, number] {
  const [name, s] = Object.entries(r.behaviours).sort(([, a], [, b]) => a.f1 - b.f1)[0]!;
  return [name, s.f1];
}

const haveDev = existsSync(DEV);
if (!haveDev) console.log(`quality: skipping the dev-set checks, ${DEV} is not here (it lives in the team's shared folder)`);

describe.skipIf(!haveDev)('rule quality on the dev set', () => {
  it('text: micro precision >= 0.90, recall >= 0.85, every behaviour F1 >= 0.6', () => {
    const r = report(DEV, 'text');
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.85);
    expect(weakest(r)[1]).toBeGreaterThanOrEqual(0.6);
  });

  it('recogniser style (lower case, no punctuation): precision >= 0.85, recall >= 0.80, F1 >= 0.6 each', () => {
    const r = report(DEV, 'asr');
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.8);
    expect(weakest(r)[1]).toBeGreaterThanOrEqual(0.6);
  });
});

// Recogniser errors, simulated with fixed seeds (test/rules/asr-noise.ts): one short word dropped
// per line, or one Whisper-style confusion per line (de/het, u/je, dat/wat, een/en, is/es,
// niet/nie, 'n, compounds split or merged, numbers as digits). `npx tsx test/rules/measure-robustness.ts`
// prints the full table. Floors sit a little under the figures measured when they were set
// (dev drop P 0.972 R 0.849, substitution P 0.964 R 0.951; heldout-c substitution P 0.925
// R 0.951; heldout-e substitution P 0.933 R 0.913; before the sound-alike matching they were
// R 0.916, 0.860 and 0.826), so they catch a real loss, not a one-line wobble.
describe.skipIf(!haveDev)('rule quality when the recogniser drops a short word', () => {
  it('recogniser style with one short word (<= 3 letters) removed per line: precision >= 0.85, recall >= 0.80', () => {
    const { items } = readLabelled(DEV);
    const r = evaluate(engine, dropShortWord(items.map((i) => i.value)), 'text');
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.8);
  });
});

// Held-out drop-word floors, set under the figures after the one-repair matcher (heldout-c
// P 0.926 R 0.783, heldout-e P 0.947 R 0.783; before it R 0.727 and 0.696).
describe('rule quality on held-out lines when the recogniser drops a short word', () => {
  for (const [file, recall] of [['test/rules/fixtures/heldout-c.jsonl', 0.74], ['test/rules/fixtures/heldout-e.jsonl', 0.74]] as const) {
    it(`${file.split('/').pop()}: precision >= 0.88, recall >= ${recall}`, () => {
      const r = evaluate(engine, dropShortWord(readLabelled(file).items.map((i) => i.value)), 'text');
      expect(r.micro.precision).toBeGreaterThanOrEqual(0.88);
      expect(r.micro.recall).toBeGreaterThanOrEqual(recall);
    });
  }
});

const SUBSTITUTION_FLOORS = [
  { file: DEV, precision: 0.92, recall: 0.92, needsShared: true },
  { file: 'test/rules/fixtures/heldout-c.jsonl', precision: 0.88, recall: 0.92, needsShared: false },
  { file: 'test/rules/fixtures/heldout-e.jsonl', precision: 0.88, recall: 0.87, needsShared: false },
] as const;

describe('rule quality when the recogniser confuses sound-alike words (one Whisper-style substitution a line)', () => {
  for (const { file, precision, recall, needsShared } of SUBSTITUTION_FLOORS) {
    it.skipIf(needsShared && !haveDev)(`${file.split('/').pop()}: precision >= ${precision}, recall >= ${recall}`, () => {
      const { items } = readLabelled(file);
      const lines = substituteLikeWhisper(items.map((i) => i.value));
      // The simulation must actually change lines, or the floor measures clean text.
      const changed = lines.filter((l, i) => l.text !== recogniserStyle(items[i]!.value.text)).length;
      expect(changed / lines.length).toBeGreaterThan(0.5);
      const r = evaluate(engine, lines, 'text');
      expect(r.micro.precision).toBeGreaterThanOrEqual(precision);
      expect(r.micro.recall).toBeGreaterThanOrEqual(recall);
    });
  }
});

describe('rule quality on our held-out utterances (the recogniser-style bar)', () => {
  for (const [file, field] of HELDOUT.flatMap((f) => (['text', 'asr'] as const).map((fl) => [f, fl] as const))) {
    it(`${file.split('/').pop()} ${field}: micro precision >= 0.85 and recall >= 0.80`, () => {
      const r = report(file, field);
      expect(r.utterances).toBeGreaterThanOrEqual(100);
      expect(r.micro.precision).toBeGreaterThanOrEqual(0.85);
      expect(r.micro.recall).toBeGreaterThanOrEqual(0.8);
    });
  }
});

// The generalisation pass. These files are our own, so none stands in for the product's held-out
// set. heldout-c (232 lines, ~40% unlabelled, a third recogniser-style) was scored once before any
// rule change (P 0.74, R 0.40) and then used to broaden the rules, so its bar guards against losing
// that work. heldout-d (76 lines) was written after that tuning and scored before any further change
// (P 0.865, R 0.68), then looked at for kinds of miss, so its bar stays at that first run.
// heldout-e (66 lines) was written last and scored before any change it could inspire (first run
// P 0.93, R 0.85, against P 0.93, R 0.83 for the rules before this pass); its misses then informed
// one last round, so its bar too stays at the first run.
const GENERALISATION = [
  { file: 'test/rules/fixtures/heldout-c.jsonl', minLines: 200, precision: 0.9, recall: 0.9 },
  { file: 'test/rules/fixtures/heldout-d.jsonl', minLines: 70, precision: 0.8, recall: 0.65 },
  { file: 'test/rules/fixtures/heldout-e.jsonl', minLines: 60, precision: 0.85, recall: 0.8 },
] as const;

describe('rule quality on the generalisation sets (our own, see the note above)', () => {
  for (const { file, minLines, precision, recall } of GENERALISATION) {
    for (const field of ['text', 'asr'] as const) {
      it(`${file.split('/').pop()} ${field}: micro precision >= ${precision}, recall >= ${recall}`, () => {
        const r = report(file, field);
        expect(r.utterances).toBeGreaterThanOrEqual(minLines);
        expect(r.micro.precision).toBeGreaterThanOrEqual(precision);
        expect(r.micro.recall).toBeGreaterThanOrEqual(recall);
      });
    }
  }

  it('heldout-c: every text behaviour has at least 5 positives and about 40% of lines have no label', () => {
    const { items } = readLabelled('test/rules/fixtures/heldout-c.jsonl');
    const counts = new Map<string, number>();
    for (const { value } of items) for (const label of value.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    const textBehaviours = new Set(engine.rules.filter((rule) => rule.header.type === 'phrase').map((rule) => rule.header.behaviour));
    for (const behaviour of textBehaviours) expect(counts.get(behaviour) ?? 0, behaviour).toBeGreaterThanOrEqual(5);
    const unlabelled = items.filter(({ value }) => value.labels.length === 0).length / items.length;
    expect(unlabelled).toBeGreaterThanOrEqual(0.35);
  });
});
