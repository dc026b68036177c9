import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuleFiles } from '../../main/rules/loader.ts';
import { isTimingRuleRuntime } from '../../main/turns/timing-detector.ts';

describe('timing rule files (rules/nl/timing)', () => {
  const { rules, problems } = loadRuleFiles('rules');
  const timing = rules.filter((r) => r.built.kind === 'timing');

  it('load without problems, one rule per timing type at least', () => {
    expect(problems.map(String)).toEqual([]);
    const types = new Set(timing.map((r) => r.header.type));
    expect([...types].sort()).toEqual(['dead-air', 'monologue', 'overlap', 'pace', 'response-gap', 'talk-share']);
    for (const r of timing) expect(r.built.kind === 'timing' && isTimingRuleRuntime(r.built.runtime)).toBe(true);
  });

  it('pass their own timed examples (each fire example once, at its start; no pass example fires)', () => {
    for (const r of timing) expect({ file: r.file, failures: r.built.checkExamples() }).toEqual({ file: r.file, failures: [] });
  });
});

describe('rules that need the customer\'s channel', () => {
  it('are the ones whose types judge the customer\'s speech; pace and monologue run on a mono call too', () => {
    const timing = loadRuleFiles('rules').rules.flatMap((r) => (r.built.kind === 'timing' ? [r.built] : []));
    const needs = Object.fromEntries(timing.map((b) => [b.typeName, b.runtime.needsCustomer]));
    expect(needs).toEqual({ 'dead-air': true, monologue: false, overlap: true, pace: false, 'response-gap': true, 'talk-share': true });
  });
});

describe('backchannel praise (overlap, report: backchannel)', () => {
  it('is loaded as praise for uit_laten_praten', () => {
    const rule = loadRuleFiles('rules').rules.find((r) => r.header.id === 'uit-laten-praten-hummen');
    expect(rule?.header).toMatchObject({ behaviour: 'uit_laten_praten', type: 'overlap' });
  });
});

describe('broken timing rule files', () => {
  const header = (type: string, behaviour = 'onderbreken') =>
    `id: x\nbehaviour: ${behaviour}\ntype: ${type}\nseverity: high\npacing: { cooldownMs: 20000 }\ntip: "Laat de klant uitpraten."\n`;
  const examples = `examples:\n  fire:\n    - name: a\n      customer: [[0, 3600]]\n      agent: [[3000, 7000]]\n      expectStartMs: 3000\n  pass:\n    - name: b\n      customer: [[0, 3000]]\n      agent: [[3500, 6000]]\n`;

  function problemsFor(text: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'timing-rules-'));
    try {
      mkdirSync(join(dir, 'timing'));
      writeFileSync(join(dir, 'timing', 'x.yaml'), text);
      return loadRuleFiles(dir).problems.map(String);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('points at a parameter that contradicts another', () => {
    const p = problemsFor(header('overlap') + 'minOverlapMs: 2000\nholderStopsWithinMs: 1200\n' + examples);
    expect(p).toEqual([expect.stringMatching(/timing\/x\.yaml:7: minOverlapMs: must be below holderStopsWithinMs/)]);
  });

  it('refuses an unknown parameter (a typo must not pass silently)', () => {
    const p = problemsFor(header('overlap') + 'minOverlap: 200\n' + examples);
    expect(p.join('\n')).toMatch(/x\.yaml:\d+: .*minOverlap/);
  });

  it('refuses a rule without examples that must not fire', () => {
    const p = problemsFor(header('overlap') + examples.replace(/ {2}pass:[\s\S]*$/, '  pass: []\n'));
    expect(p.join('\n')).toMatch(/x\.yaml:\d+: examples\.pass: .*at least one situation that must not fire/);
  });

  it('refuses a speech span that ends before it starts', () => {
    const p = problemsFor(header('overlap') + examples.replace('[[0, 3600]]', '[[3600, 0]]'));
    expect(p.join('\n')).toMatch(/x\.yaml:\d+: examples\.fire\.0\.customer\.0: a speech span must end after it starts/);
  });

  it('points an old rule file that paced itself to the coach\'s pacing field', () => {
    const p = problemsFor(header('overlap').replace('pacing: { cooldownMs: 20000 }', 'cooldownMs: 20000') + examples);
    expect(p).toEqual([expect.stringMatching(/x\.yaml:5: cooldownMs: .*every occurrence.*pacing: \{ cooldownMs: N \}/)]);
  });

  it('refuses praise for an unhelpful behaviour', () => {
    const p = problemsFor(header('overlap') + 'kind: praise\n' + examples);
    expect(p).toEqual([expect.stringMatching(/x\.yaml:7: kind: "onderbreken" is unhelpful behaviour/)]);
  });

  it('reports an example that does not do what it says, with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timing-rules-'));
    try {
      // the "fire" situation is a backchannel: the rule must not fire on it, so the example fails
      writeFileSync(join(dir, 'x.yaml'), header('overlap') + examples.replace('[[3000, 7000]]', '[[2000, 2400]]').replace('[[0, 3600]]', '[[0, 6000]]'));
      const { rules } = loadRuleFiles(dir);
      expect(rules[0]!.built.checkExamples()).toEqual([{ path: ['examples', 'fire', 0], message: '"a" must fire once, fired 0 times' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
