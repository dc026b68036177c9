// Retiring a blind set moves its lines into the corpus's train split with their labelling log,
// and takes them out of the fixtures; a set that cannot be retired changes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

const line = (id: string, text: string, author: string, labels: string[], split?: string): string =>
  JSON.stringify({ id, text, asr: text.toLowerCase(), asrHeavy: text.toLowerCase(), labels, context: 'test', author, ...(split ? { split } : {}) });
const jsonl = (rows: string[]): string => rows.map((r) => `${r}\n`).join('');

function setUp(): { corpus: string; fixtures: string } {
  root = mkdtempSync(join(tmpdir(), 'kc-retire-'));
  const corpus = join(root, 'corpus');
  const fixtures = join(root, 'fixtures');
  mkdirSync(join(corpus, 'labelling'), { recursive: true });
  mkdirSync(join(fixtures, 'blind-labelling'), { recursive: true });
  writeFileSync(join(corpus, 'README.md'), '# corpus\n<!-- stats:begin -->\nold figures\n<!-- stats:end -->\n');
  writeFileSync(join(corpus, 'a01-wonen.jsonl'), jsonl([
    line('a01-0001', 'Dat had u zelf moeten nakijken, meneer.', 'a01-wonen', ['verwijten'], 'train'),
    line('a01-0002', 'Ik bel u morgen voor twaalf uur terug.', 'a01-wonen', ['vervolgstappen'], 'dev'),
  ]));
  writeFileSync(join(corpus, 'labelling', 'labels.jsonl'), jsonl([
    JSON.stringify({ id: 'a01-0001', a: ['verwijten'], b: ['verwijten'] }),
    JSON.stringify({ id: 'a01-0002', a: ['vervolgstappen'], b: ['vervolgstappen'] }),
  ]));
  writeFileSync(join(fixtures, 'blind-7.jsonl'), jsonl([
    line('zz7a-0001', 'Sorry, dat is bij ons misgegaan.', 'zz7a-blind-een', ['eigenaarschap']),
    line('zz7b-0001', 'Daar kan ik helaas niks aan doen.', 'zz7b-blind-twee', ['nee_verkopen']),
  ]));
  writeFileSync(join(fixtures, 'blind-labelling', 'blind-7-labelling.jsonl'), jsonl([
    JSON.stringify({ id: 'zz7a-0001', a: ['eigenaarschap'], b: ['eigenaarschap'] }),
    JSON.stringify({ id: 'zz7b-0001', a: ['nee_verkopen'], b: [], final: ['nee_verkopen'], reason: 'a bare no' }),
  ]));
  return { corpus, fixtures };
}

const retire = (corpus: string, fixtures: string, ...sets: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/corpus/retire-blind.ts', '--corpus', corpus, '--fixtures', fixtures, ...sets], { encoding: 'utf8' });
const read = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('retire-blind', () => {
  it('moves a blind set into the train split, one file per brief, with its labelling log and new figures', () => {
    const { corpus, fixtures } = setUp();
    const r = retire(corpus, fixtures, 'blind-7');
    expect(r.stderr).not.toMatch(/retire-blind:/);
    expect(r.status).toBe(0);
    expect(read(join(corpus, 'zz7a-blind-een.jsonl'))).toEqual([expect.objectContaining({ id: 'zz7a-0001', split: 'train', labels: ['eigenaarschap'] })]);
    expect(read(join(corpus, 'zz7b-blind-twee.jsonl'))).toEqual([expect.objectContaining({ id: 'zz7b-0001', split: 'train' })]);
    expect(read(join(corpus, 'labelling', 'labels.jsonl')).map((l) => l.id)).toEqual(['a01-0001', 'a01-0002', 'zz7a-0001', 'zz7b-0001']);
    expect(existsSync(join(fixtures, 'blind-7.jsonl'))).toBe(false);
    expect(existsSync(join(fixtures, 'blind-labelling', 'blind-7-labelling.jsonl'))).toBe(false);
    const readme = readFileSync(join(corpus, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/old figures/);
    expect(readme).toMatch(/4 lines \(train 3, dev 1\)/);
    expect(readme).toMatch(/Labellers disagreed on 1 lines/);
  });

  it('changes nothing when a set has lines its log does not label, and says which', () => {
    const { corpus, fixtures } = setUp();
    writeFileSync(join(fixtures, 'blind-labelling', 'blind-7-labelling.jsonl'), jsonl([JSON.stringify({ id: 'zz7a-0001', a: [], b: [] })]));
    const before = readdirSync(corpus).sort();
    const r = retire(corpus, fixtures, 'blind-7');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/blind-7-labelling\.jsonl: no labelling for zz7b-0001/);
    expect(readdirSync(corpus).sort()).toEqual(before);
    expect(existsSync(join(fixtures, 'blind-7.jsonl'))).toBe(true);
  });

  it('changes nothing when a retired line would break the corpus, and names the problem', () => {
    const { corpus, fixtures } = setUp();
    // The same words as a dev line of the corpus: train and dev would share a line.
    writeFileSync(join(fixtures, 'blind-7.jsonl'), jsonl([line('zz7a-0001', 'Ik bel u morgen voor twaalf uur terug.', 'zz7a-blind-een', ['vervolgstappen'])]));
    writeFileSync(join(fixtures, 'blind-labelling', 'blind-7-labelling.jsonl'), jsonl([JSON.stringify({ id: 'zz7a-0001', a: [], b: [] })]));
    const log = readFileSync(join(corpus, 'labelling', 'labels.jsonl'), 'utf8');
    const r = retire(corpus, fixtures, 'blind-7');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the corpus would have problems, so nothing was changed/);
    expect(existsSync(join(corpus, 'zz7a-blind-een.jsonl'))).toBe(false);
    expect(readFileSync(join(corpus, 'labelling', 'labels.jsonl'), 'utf8')).toBe(log);
    expect(existsSync(join(fixtures, 'blind-7.jsonl'))).toBe(true);
  });

  it('refuses a set that does not exist', () => {
    const { corpus, fixtures } = setUp();
    const r = retire(corpus, fixtures, 'blind-99');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/blind-99\.jsonl: no such blind set/);
  });
});
