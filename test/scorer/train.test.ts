// Training end to end on a small fixed subset of the corpus: deterministic bytes, a model that
// loads and scores like the features say, and the checks around the model file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleEngine } from '../../main/rules/engine.ts';
import { loadRulesOrThrow, type LoadedRule } from '../../main/rules/loader.ts';
import { checkModel } from '../../main/scorer/check-model.ts';
import { DEFAULT_FEATURES, emitFeatures } from '../../main/scorer/features.ts';
import { DEFAULT_LINEAR } from '../../main/scorer/logistic.ts';
import { serialiseModel } from '../../main/scorer/model-file.ts';
import { readScorer } from '../../main/scorer/scorer.ts';
import { foldsByGroup, prepareTraining, trainScorer } from '../../main/scorer/train.ts';
import type { TrainingLine } from '../../main/scorer/dataset.ts';

const dir = mkdtempSync(join(tmpdir(), 'kc-scorer-'));
const lang = join(dir, 'nl');
const corpusDir = join(lang, 'corpus');
const modelFile = join(lang, 'scorer.json');
let rules: LoadedRule[];

async function train(workers = 1): Promise<string> {
  return serialiseModel((await trainScorer({
    rules, corpusDir, extra: [], without: [], features: DEFAULT_FEATURES,
    linear: { ...DEFAULT_LINEAR, epochs: 4 }, folds: 5, minLines: 2, workers,
  })).model);
}

beforeAll(() => {
  rules = loadRulesOrThrow('rules');
  mkdirSync(corpusDir, { recursive: true });
  // A fixed subset: the first 80 lines of the shared dev set as the corpus file.
  const lines = readFileSync('rules/nl/corpus/shared-dev-set.jsonl', 'utf8').split('\n').slice(0, 80);
  writeFileSync(join(corpusDir, 'subset.jsonl'), `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scorer training', () => {
  it('folds in --extra lines (supervisors\' marks): the file is named in the model, and a mark teaches only the behaviour it judged', async () => {
    const marks = join(dir, 'marks.jsonl');
    writeFileSync(marks, `${JSON.stringify({ id: 'mark-u1', text: 'Ik snap dat dit heel vervelend voor u is.', labels: ['begrip_tonen'], judged: ['begrip_tonen', 'bagatelliseren'] })}\n`);
    const opts = { rules, corpusDir, without: [], features: DEFAULT_FEATURES, minLines: 2 };
    const without = prepareTraining({ ...opts, extra: [] });
    const withMarks = prepareTraining({ ...opts, extra: [marks] });
    expect(withMarks.lines.length).toBe(without.lines.length + 1);
    const line = withMarks.lines.findIndex((l) => l.id === 'mark-u1');
    expect(withMarks.lines[line]).toMatchObject({ origin: 'extra' });
    const example = withMarks.examples.find((ex) => ex.line === line)!;
    const judged = withMarks.behaviours.filter((_, b) => example.known[b] === 1);
    expect(judged.sort()).toEqual(['bagatelliseren', 'begrip_tonen']);
    expect(withMarks.behaviours.filter((_, b) => example.labels[b] === 1)).toEqual(['begrip_tonen']);
    const model = (await trainScorer({ ...opts, extra: [marks], linear: { ...DEFAULT_LINEAR, epochs: 2 }, folds: 5 })).model;
    expect(model.trainedWith.extra).toEqual([{ file: 'marks.jsonl', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('npm run train refuses a margin that is not a number from 0 up to 1, or an unknown option, naming it, and writes no model', () => {
    const out = join(dir, 'not-written.json');
    const train = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/train.ts', ...args, '--out', out], { encoding: 'utf8' });
    for (const bad of ['abc', '1.5', '-0.1']) {
      const r = train(`--min-residual=${bad}`);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`train: --min-residual ${bad}: give a number from 0 up to 1`);
    }
    // A malformed command line gets a one-line message too, not a stack trace.
    const unknown = train('--min-residul', '0.01');
    expect(unknown.status, unknown.stderr).toBe(2);
    expect(unknown.stderr).toMatch(/^train: .*'--min-residul'/m);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('gives the same model, byte for byte, when trained twice on the same lines', async () => {
    const first = await train();
    const second = await train();
    expect(second).toBe(first);
    writeFileSync(modelFile, first);
  });

  it('gives the same bytes when the folds and the final model train side by side on worker threads', async () => {
    const inTurn = await train(1);
    const threaded = await train(3);
    expect(threaded).toBe(inTurn);
    // Not a model of zeros that would match anything: the threads' weights reached the file.
    expect(JSON.parse(threaded).behaviours.some((b: { bias: number }) => b.bias !== 0)).toBe(true);
    expect(JSON.parse(threaded).bucketCount).toBeGreaterThan(0);
  });

  it('writes a model that loads, and scores exactly what the features and weights say', () => {
    const scorer = readScorer(modelFile);
    const engine = new RuleEngine(rules, scorer, { state: 'loaded', file: modelFile });
    const width = scorer.behaviours.length;
    for (const text of ['Ja, de directie vindt dat niet nodig.', 'dat had u moeten weten mevrouw', 'Ik bel u morgen voor twaalf uur terug.']) {
      const look = engine.lookAt(text);
      const fast = scorer.rawScores(look.tokens, text, look.signals);
      // The slow way: every feature once, straight from the model file's rows.
      const file = scorer.file;
      const bytes = Buffer.from(file.weights, 'base64');
      const rowOf = new Map<number, number>();
      let bucket = 0;
      const raw = Buffer.from(file.buckets, 'base64');
      for (let pos = 0, row = 0; pos < raw.length; row++) {
        let d = 0, shift = 0, byte: number;
        do { byte = raw[pos++]!; d |= (byte & 0x7f) << shift; shift += 7; } while (byte >= 0x80);
        bucket += d;
        rowOf.set(bucket, row);
      }
      const slow = file.behaviours.map((b) => b.bias);
      const seen = new Set<number>();
      emitFeatures(look.tokens, text, look.signals, file.features, (bkt) => {
        const row = rowOf.get(bkt);
        if (row === undefined || seen.has(row)) return;
        seen.add(row);
        for (let b = 0; b < width; b++) slow[b]! += ((bytes[row * width + b]! << 24) >> 24) * file.behaviours[b]!.scale;
      });
      slow.forEach((s, b) => expect(fast[b]).toBeCloseTo(s, 4));
    }
  });

  it('gives every text finding a confidence, evidence and origin', () => {
    const engine = RuleEngine.fromDir('rules', { model: modelFile });
    expect(engine.scorerStatus).toEqual({ state: 'loaded', file: modelFile });
    const judged = engine.judgeUtterance({ startMs: 0, endMs: 1000, text: 'Nee, dat kan niet.' }, undefined, { tPattern: 0, tModel: 0.999 });
    const f = judged.findings.find((x) => x.behaviour === 'nee_verkopen')!;
    expect(f.origin).toMatch(/^(pattern|both)$/);
    expect(f.confidence).toBeGreaterThan(0);
    expect(f.evidence).toEqual([{ startChar: 0, endChar: 17, text: 'Nee, dat kan niet' }]); // the pattern's own words
    expect(judged.confidences.size).toBe(23);
  });

  it('points a model-only finding at the words that weighed most, as character offsets', () => {
    const engine = RuleEngine.fromDir('rules', { model: modelFile });
    const text = 'Ja maar dat had u toch gewoon zelf moeten nakijken, meneer.';
    // A threshold of 0 lets the model alone decide every behaviour it scores: look at the one it is
    // surest of (a behaviour the words speak against has no words that weighed for it).
    const f = engine.analyzeUtterance({ startMs: 0, endMs: 1, text }, undefined, { tPattern: 0, tModel: 0 })
      .filter((x) => x.origin === 'model').sort((a, b) => b.confidence! - a.confidence!)[0]!;
    expect(f.ruleId).toBe(`scorer:${f.behaviour}`);
    expect(f.evidence!.length).toBeGreaterThanOrEqual(1);
    expect(f.evidence!.length).toBeLessThanOrEqual(3);
    for (const e of f.evidence!) expect(text.slice(e.startChar, e.endChar)).toBe(e.text);
    expect(f.span).toEqual(f.evidence![0]);
  });

  it('gives a finding the same evidence whether or not another utterance was scored in between', () => {
    const engine = RuleEngine.fromDir('rules', { model: modelFile });
    const scorer = engine.scorer!;
    const text = 'Ja maar dat had u toch gewoon zelf moeten nakijken, meneer.';
    const look = engine.lookAt(text);
    const b = scorer.behaviours.findIndex((x) => x.id === 'verwijten');
    scorer.rawScores(look.tokens, text, look.signals);
    const right = scorer.evidence(look.tokens, text, look.signals, b);
    expect(right.length).toBeGreaterThan(0);
    // Evidence reuses what scoring the utterance noted; another utterance scored in between
    // must not lend it its words.
    const other = engine.lookAt('Ik bel u morgen voor twaalf uur terug over de monteur.');
    scorer.rawScores(other.tokens, 'Ik bel u morgen voor twaalf uur terug over de monteur.', other.signals);
    expect(scorer.evidence(look.tokens, text, look.signals, b)).toEqual(right);
  });

  it('rules check accepts the model on its own corpus and refuses it once the corpus changed', () => {
    expect(checkModel(lang)).toEqual([]);
    appendFileSync(join(corpusDir, 'subset.jsonl'), '\n');
    const problems = checkModel(lang).map(String);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/scorer\.json:\d+: corpusHash: the model was trained on another corpus .* run `npm run train`/);
  });
});

describe('cross-validation folds', () => {
  it('keeps each author in one fold, so thresholds are chosen on authors the fold never saw, and balances the folds', () => {
    const sizes: Record<string, number> = { a01: 500, a02: 450, a03: 420, a04: 400, a05: 380, a06: 300, a07: 120, a08: 90, 'rule-x': 3, 'rule-y': 2 };
    const lines: TrainingLine[] = Object.entries(sizes).flatMap(([group, n]) => Array.from({ length: n }, (_, i) => ({
      id: `${group}-${i}`, texts: ['x'], labels: new Set(), judged: null, origin: group.startsWith('rule') ? 'rules' as const : 'corpus' as const, group,
    })));
    const foldOf = foldsByGroup(lines, 5);
    const foldsOfGroup = new Map<string, Set<number>>();
    lines.forEach((l, i) => foldsOfGroup.set(l.group, (foldsOfGroup.get(l.group) ?? new Set()).add(foldOf[i]!)));
    for (const [group, folds] of foldsOfGroup) expect(folds.size, group).toBe(1);
    const load = [0, 1, 2, 3, 4].map((f) => foldOf.filter((x) => x === f).length);
    expect(Math.min(...load)).toBeGreaterThan(0);
    // Largest author first into the lightest fold is within 4/3 of the best split there is.
    const best = Math.max(lines.length / 5, sizes.a01!);
    expect(Math.max(...load)).toBeLessThanOrEqual((4 / 3) * best);
  });
});

describe('engine without a usable model', () => {
  const cases: [string, string | null, RegExp][] = [
    ['missing', join(dir, 'nowhere.json'), /no such file/],
    ['corrupt', 'corrupt.json', /not valid JSON/],
    ['another version', 'v9.json', /version: 9, this Klachtcoach reads version 1/],
    ['damaged weights', 'short.json', /weights: \d+ bytes, expected/],
  ];
  for (const [name, file, problem] of cases) {
    it(`${name}: works with the rules alone and says so once, naming the file and the fix`, () => {
      const path = file!.startsWith('/') ? file! : join(dir, file!);
      if (name === 'corrupt') writeFileSync(path, '{"format": "klachtcoach-scorer", ');
      if (name === 'another version') writeFileSync(path, JSON.stringify({ format: 'klachtcoach-scorer', version: 9 }));
      if (name === 'damaged weights') {
        const model = JSON.parse(readFileSync(modelFile, 'utf8')) as { weights: string };
        model.weights = model.weights.slice(0, 8);
        writeFileSync(path, JSON.stringify(model));
      }
      const warnings: string[] = [];
      const load = (): RuleEngine => RuleEngine.fromDir('rules', { model: path, warn: (m) => warnings.push(m) });
      const engine = load();
      load();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(path);
      expect(warnings[0]).toMatch(problem);
      expect(warnings[0]).toContain('npm run train');
      expect(engine.scorerStatus.state).toBe('unusable');
      const [f] = engine.analyzeUtterance({ startMs: 0, endMs: 1, text: 'Ja, de directie vindt dat niet nodig.' });
      expect(f).toMatchObject({ behaviour: 'verschuilen', origin: 'pattern', evidence: [{ text: 'directie vindt' }] });
      expect(f!.confidence).toBeUndefined();
    });
  }
});
