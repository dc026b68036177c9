import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuleFiles, loadRulesOrThrow, RuleLoadError } from '../../main/rules/loader.ts';
import { checkRules } from '../../main/rules/check.ts';
import { BEHAVIOURS } from '../../main/contracts/behaviours.ts';

const GOOD = `id: nee-kan-niet
behaviour: nee_verkopen
type: phrase
severity: medium
pacing: { cooldownMs: 1000 }
tip: "Zeg wat wel kan."
patterns:
  - "dat kan niet"
examples:
  fire: ["[dat kan niet]"]
  pass: ["dat kan wel"]
`;

let dir = '';
function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'kc-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const strip = (s: string): string => s.replace(/^.*?kc-rules-[^/]+\//, '');
const messages = (d: string): string[] => loadRuleFiles(d).problems.map((p) => strip(p.toString()));

describe('rule loader', () => {
  it('loads a valid rule file', () => {
    const rules = loadRulesOrThrow(folder({ 'nl/x/nee-kan-niet.yaml': GOOD }));
    expect(rules.map((r) => r.header.id)).toEqual(['nee-kan-niet']);
  });

  it('reads only language folders when given the top folder, so other config is left alone', () => {
    const d = folder({ 'nl/x/nee-kan-niet.yaml': GOOD, 'coach.yaml': 'tipVisibleMs: 1' });
    expect(loadRuleFiles(d).problems).toEqual([]);
  });

  it('reports a missing field at file:line: field: problem', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('tip: "Zeg wat wel kan."\n', '') });
    expect(messages(d)).toEqual([expect.stringMatching(/^nl\/nee-kan-niet\.yaml:1: tip: /)]);
  });

  it('points a bad value at its own line', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('severity: medium', 'severity: loud') });
    expect(messages(d)[0]).toMatch(/^nl\/nee-kan-niet\.yaml:4: severity: /);
  });

  it('points a broken pattern at the pattern line, with the reason', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('"dat kan niet"', '"(dat kan niet"') });
    expect(messages(d)).toEqual(['nl/nee-kan-niet.yaml:8: patterns.0: pattern "(dat kan niet": missing ")"']);
  });

  it('rejects unknown types, unknown behaviours, unknown keys, wrong ids and YAML syntax errors', () => {
    const d = folder({
      'nl/a/nee-kan-niet.yaml': GOOD.replace('type: phrase', 'type: regex'),
      'nl/b/b.yaml': GOOD.replace('id: nee-kan-niet', 'id: b').replace('nee_verkopen', 'zeuren'),
      'nl/c/c.yaml': GOOD.replace('id: nee-kan-niet', 'id: c') + 'patern: x\n',
      'nl/d/d.yaml': GOOD,
      'nl/e/e.yaml': 'id: e\n  bad: [\n',
    });
    const out = messages(d);
    expect(out).toContainEqual(expect.stringMatching(/^nl\/a\/nee-kan-niet\.yaml:3: type: unknown rule type "regex"/));
    expect(out).toContainEqual('nl/b/b.yaml:2: behaviour: "zeuren" is not one of the 29 allowed values');
    expect(out).toContainEqual(expect.stringMatching(/^nl\/c\/c\.yaml:12: patern: unknown field/));
    expect(out).toContainEqual(expect.stringMatching(/^nl\/d\/d\.yaml:1: id: "nee-kan-niet" must equal the file name "d"/));
    expect(out).toContainEqual(expect.stringMatching(/^nl\/e\/e\.yaml:\d+: \(file\): YAML: /));
  });

  it('points a YAML syntax error at its own line, not the top of the file', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('patterns:\n  - "dat kan niet"', 'patterns:\n  - "dat kan niet"\n  "dat mag niet"\n    where: x') });
    expect(messages(d)[0]).toMatch(/^nl\/nee-kan-niet\.yaml:(8|9|10): \(file\): YAML: /);
  });

  it('refuses duplicate ids and a rule of a behaviour words cannot reveal', () => {
    const d = folder({
      'nl/a/nee-kan-niet.yaml': GOOD,
      'nl/b/nee-kan-niet.yaml': GOOD,
      'nl/c/mono.yaml': GOOD.replace('id: nee-kan-niet', 'id: mono').replace('nee_verkopen', 'monoloog'),
    });
    const out = messages(d);
    expect(out).toContainEqual(expect.stringMatching(/^nl\/b\/nee-kan-niet\.yaml:1: id: .*also the id in/));
    expect(out).toContainEqual(expect.stringMatching(/^nl\/c\/mono\.yaml:2: behaviour: "monoloog" is not revealed by text/));
  });

  it('throws RuleLoadError listing every problem when the engine loads a broken set', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('cooldownMs: 1000', 'cooldownMs: -1') });
    expect(() => loadRulesOrThrow(d)).toThrow(RuleLoadError);
    expect(() => loadRulesOrThrow(d)).toThrow(/nee-kan-niet\.yaml:5: pacing\.cooldownMs/);
  });

  it('refuses a binary file and an empty folder', () => {
    const d = folder({ 'nl/x.yaml': '\0\0\u0001' });
    expect(messages(d)).toEqual(['nl/x.yaml:1: (file): not a UTF-8 text file']);
    const empty = mkdtempSync(join(tmpdir(), 'kc-empty-'));
    expect(loadRuleFiles(empty).problems.map(String)[0]).toMatch(/no rule files/);
    rmSync(empty, { recursive: true });
  });

  it('reports shared word lists that are broken, at their line', () => {
    const d = folder({ 'nl/lists.yaml': 'lists:\n  ok: [a, b]\n  bad: ["(x"]\n', 'nl/nee-kan-niet.yaml': GOOD });
    expect(messages(d)).toEqual(['nl/lists.yaml:3: lists.bad: missing ")"']);
  });
});

describe('rules check', () => {
  it('reports an example that does not fire, at the example\'s line', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('["[dat kan niet]"]', '\n    - "[dat mag niet]"') });
    const report = checkRules(d);
    expect(report.problems.map((p) => strip(p.toString())))
      .toEqual(['nl/nee-kan-niet.yaml:11: examples.fire.0: does not fire on "dat mag niet"']);
  });

  it('reports a pass example that fires and a fire example marked at the wrong words', () => {
    const d = folder({ 'nl/nee-kan-niet.yaml': GOOD.replace('["[dat kan niet]"]', '["[nee] dat kan niet"]').replace('["dat kan wel"]', '["dat kan niet"]') });
    const out = checkRules(d).problems.map(String);
    expect(out).toContainEqual(expect.stringMatching(/examples\.fire\.0: fires on "dat kan niet", but the example marks "nee"/));
    expect(out).toContainEqual(expect.stringMatching(/examples\.pass\.0: must not fire/));
  });

  it('covers every behaviour that words can reveal, with at least one enabled rule each', () => {
    const { rules } = loadRuleFiles('rules');
    const covered = new Set(rules.filter((r) => r.header.enabled && r.built.kind === 'text').map((r) => r.header.behaviour));
    const textual = [...BEHAVIOURS.values()].filter((b) => b.detect.includes('text')).map((b) => b.id);
    expect(textual.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('passes on the shipped rule files', () => {
    const report = checkRules('rules');
    const own = report.problems.filter((p) => !p.file.includes('/timing/'));
    expect(own.map(String)).toEqual([]);
    expect(report.ruleCount).toBeGreaterThan(0);
  });
});
