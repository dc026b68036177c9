import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFiles, loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';

const SHIPPED = join(DEFAULT_SCENARIOS_DIR, 'nl', 'lekkage-derde-keer.yaml');
const good = readFileSync(SHIPPED, 'utf8');

let dir = '';
function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'kc-scen-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const strip = (s: string): string => s.replace(/^.*?kc-scen-[^/]+\//, '');
const messages = (files: Record<string, string>): string[] => loadScenarioFiles(folder(files)).problems.map((p) => strip(p.toString()));
/** The line number of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const lastLineOf = (text: string, needle: string): number => text.split('\n').findLastIndex((l) => l.includes(needle)) + 1;

describe('scenario loader', () => {
  it('loads the five shipped scenarios, each with a good and a poor example', () => {
    const loaded = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR);
    expect(loaded.map((l) => l.scenario.id).sort()).toEqual(
      ['burenoverlast', 'lekkage-derde-keer', 'pakket-niet-bezorgd', 'servicekosten', 'verzekering-afgewezen'],
    );
    for (const { scenario } of loaded) expect(scenario.examples.length).toBeGreaterThanOrEqual(2);
  });

  it('names the file, line and field of an unknown behaviour in a condition', () => {
    const text = good.replace('flagged: [verschuilen,', 'flagged: [verstoppen,');
    const [problem] = messages({ 'nl/lekkage-derde-keer.yaml': text });
    expect(problem).toMatch(new RegExp(`^nl/lekkage-derde-keer\\.yaml:${lineOf(text, 'verstoppen')}: lines\\.1\\.when`));
  });

  it('refuses an example path through a line that does not exist', () => {
    const text = good.replace('path: [rustiger, details, afspraak]', 'path: [rustiger, detail, afspraak]');
    expect(messages({ 'nl/lekkage-derde-keer.yaml': text })).toEqual([
      `nl/lekkage-derde-keer.yaml:${lineOf(text, 'path: [rustiger, detail,')}: examples.0.path.1: no customer line "detail"`,
    ]);
  });

  it('refuses an unhelpful behaviour as a goal, an id that is not the file name and a duplicate line id', () => {
    const text = good
      .replace('goals: [begrip_tonen, doorvragen, vervolgstappen]', 'goals: [begrip_tonen, doorvragen, verschuilen]')
      .replace('  - id: rustiger', '  - id: details')
      .replace('shown: [begrip_tonen, doorvragen, vervolgstappen]', 'shown: [begrip_tonen, doorvragen]');
    expect(messages({ 'nl/anders.yaml': text })).toEqual([
      `nl/anders.yaml:${lineOf(text, 'id: lekkage')}: id: "lekkage-derde-keer" must equal the file name "anders"`,
      `nl/anders.yaml:${lineOf(text, 'goals:')}: goals.2: "verschuilen" is an unhelpful behaviour; goals are what the trainee should show`,
      `nl/anders.yaml:${lastLineOf(text, 'id: details')}: lines.6.id: "details" is used by an earlier line`,
      `nl/anders.yaml:${lineOf(text, 'path: [rustiger')}: examples.0.path.0: no customer line "rustiger"`,
    ]);
  });

  it('requires a last "anything" line, so the customer always has an answer', () => {
    const text = good.replace('  - id: aandringen\n    when: anything', '  - id: aandringen\n    when: silence');
    expect(messages({ 'nl/lekkage-derde-keer.yaml': text })).toEqual([
      `nl/lekkage-derde-keer.yaml:${lastLineOf(text, 'when: silence')}: lines.7.when: the last line must be "when: anything", so the customer always has an answer`,
    ]);
  });

  it('reports YAML errors and unknown fields at their line, and an empty folder', () => {
    expect(messages({ 'nl/kapot.yaml': 'id: [kapot\n' })[0]).toMatch(/^nl\/kapot\.yaml:\d+: \(file\): YAML: /);
    const typo = good.replace('silenceMs: 8000', 'silenceMS: 8000');
    expect(messages({ 'nl/lekkage-derde-keer.yaml': typo })).toEqual([
      `nl/lekkage-derde-keer.yaml:${lineOf(typo, 'silenceMS')}: silenceMS: unknown field (a typo?)`,
    ]);
    expect(messages({ 'nl/leeg.txt': 'x' })).toEqual([expect.stringMatching(/no scenario files \(\*\.yaml\) in this folder$/)]);
  });
});
