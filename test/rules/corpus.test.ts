import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCorpus, readCorpusDir, TEXT_BEHAVIOURS } from '../../main/rules/corpus.ts';
import { BEHAVIOURS } from '../../main/contracts/behaviours.ts';
import { checkRules } from '../../main/rules/check.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (over: Record<string, unknown> = {}): string => JSON.stringify({
  id: 'x-0001', text: 'Dat kan niet.', asr: 'dat kan niet', asrHeavy: 'dat kan nie', labels: ['nee_verkopen'],
  context: 'Klant wil terugbetaling.', author: 'x01-test', split: 'train', ...over,
});

/** Writes corpus files into DIR/corpus and blind files into DIR/fixtures; returns the problems as text. */
function check(corpus: Record<string, string[]>, blind: Record<string, string[]> = {}): string[] {
  dir = mkdtempSync(join(tmpdir(), 'kc-corpus-'));
  mkdirSync(join(dir, 'corpus'));
  mkdirSync(join(dir, 'fixtures'));
  for (const [name, rows] of Object.entries(corpus)) writeFileSync(join(dir, 'corpus', name), rows.join('\n') + '\n');
  const blindPaths = Object.entries(blind).map(([name, rows]) => {
    writeFileSync(join(dir, 'fixtures', name), rows.join('\n') + '\n');
    return join(dir, 'fixtures', name);
  });
  return checkCorpus(join(dir, 'corpus'), blindPaths).problems.map((p) => p.toString().replace(`${dir}/`, ''));
}

describe('corpus check', () => {
  it('passes a valid corpus and blind set', () => {
    const blindLine = line({ id: 'b-0001', text: 'Wat is er precies gebeurd?', labels: ['doorvragen'] });
    expect(check({ 'x.jsonl': [line(), line({ id: 'x-0002', text: 'Dat kan wel.', labels: [] })] },
      { 'blind-1.jsonl': [JSON.stringify({ ...JSON.parse(blindLine), split: undefined })] })).toEqual([]);
  });

  it('names the file, line and field of a line that breaks the schema', () => {
    expect(check({ 'x.jsonl': [line(), line({ id: 'x-0002', split: 'test' })] }))
      .toEqual([expect.stringMatching(/^corpus\/x\.jsonl:2: split: /)]);
    expect(check({ 'x.jsonl': [line({ labels: ['boos'] })] })).toEqual([expect.stringMatching(/^corpus\/x\.jsonl:1: labels\.0: /)]);
    expect(check({ 'x.jsonl': [line({ lables: [] })] })).toEqual(['corpus/x.jsonl:1: lables: unknown field "lables" ignored']);
  });

  it('refuses a timing-only label and a label given twice', () => {
    expect(check({ 'x.jsonl': [line({ labels: ['monoloog', 'nee_verkopen', 'nee_verkopen'] })] })).toEqual([
      'corpus/x.jsonl:1: labels.0: "monoloog" can only be detected from timing or voice, not from one line of words',
      'corpus/x.jsonl:1: labels.2: "nee_verkopen" given twice',
    ]);
  });

  it('refuses an id used twice, across files', () => {
    expect(check({ 'a.jsonl': [line()], 'b.jsonl': [line({ text: 'Iets anders.' })] }))
      .toEqual([expect.stringMatching(/^corpus\/b\.jsonl:1: id: "x-0001" is used before, at .*corpus\/a\.jsonl:1$/)]);
  });

  it('refuses one line in two splits, comparing normalised text, and a duplicate within a split', () => {
    const devTwin = line({ id: 'x-0002', text: 'dat, eh, KAN niet', split: 'dev' });
    expect(check({ 'x.jsonl': [line(), devTwin] }))
      .toEqual([expect.stringMatching(/^corpus\/x\.jsonl:2: text: the same line is in train \(.*x\.jsonl:1\) and in dev/)]);
    expect(check({ 'x.jsonl': [line()] }, { 'blind-1.jsonl': [line({ id: 'b-1', split: undefined })] }))
      .toEqual([expect.stringMatching(/^fixtures\/blind-1\.jsonl:1: text: the same line is in train .* and in blind/)]);
    expect(check({ 'x.jsonl': [line(), line({ id: 'x-0002' })] })).toEqual([expect.stringMatching(/x\.jsonl:2: text: a duplicate of /)]);
  });

  it('ships a corpus large and varied enough to train on: 6,000 lines, 150 positives per text behaviour, a quarter hard negatives', () => {
    const { lines, problems } = readCorpusDir('rules/nl/corpus');
    expect(problems.map(String)).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(6000);
    const values = lines.map((l) => l.value);
    for (const b of TEXT_BEHAVIOURS) expect(values.filter((l) => l.labels.includes(b)).length, b).toBeGreaterThanOrEqual(150);
    const unhelpful = new Set(TEXT_BEHAVIOURS.filter((b) => !BEHAVIOURS.get(b)!.helpful));
    const hard = values.filter((l) => l.hard && !l.labels.some((b) => unhelpful.has(b)));
    expect(hard.length / values.length).toBeGreaterThanOrEqual(0.25);
    expect(new Set(values.map((l) => l.author)).size).toBeGreaterThanOrEqual(12);
    expect(values.filter((l) => l.split === 'dev').length).toBeGreaterThan(500);
  });

  it('is part of rules check, and the shipped corpus and blind sets pass it', () => {
    const report = checkRules('rules', { blindDir: 'test/rules/fixtures' });
    expect(report.problems.filter((p) => p.file.endsWith('.jsonl')).map(String)).toEqual([]);
    expect(report.corpusLines).toBeGreaterThan(0);
  });
});
