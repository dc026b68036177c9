// The corpus's labelling step gives every authored line an id from its brief's name; two briefs
// whose names share the prefix would number their lines alike, and labels joined by id would
// then land on the wrong lines. The script must refuse that, not deal the lines out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let work = '';
afterEach(() => rmSync(work, { recursive: true, force: true }));

function prepare(briefs: Record<string, string[]>): { status: number | null; stderr: string } {
  work = mkdtempSync(join(tmpdir(), 'kc-prepare-'));
  mkdirSync(join(work, 'blind'));
  for (const [name, texts] of Object.entries(briefs)) {
    writeFileSync(join(work, 'blind', `${name}.jsonl`), texts.map((text) => `${JSON.stringify({ text, context: 'test', intended: [] })}\n`).join(''));
  }
  const r = spawnSync('npx', ['tsx', 'scripts/corpus/prepare-labelling.ts', '--work', work, '--set', 'blind', '--chunk', '10'], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('prepare-labelling', () => {
  it('refuses two briefs whose names give the same ids, naming the id and the fix', () => {
    const r = prepare({
      'zz9-blind-eerste': ['Zullen we de zonnewijzer van de kapstok halen, mevrouw?'],
      'zz9-blind-tweede': ['Die kapstok van eikenhout komt dinsdag terug uit de werkplaats.'],
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/id zz9-0001 of zz9-blind-tweede is already zz9-blind-eerste's: .*own prefix/);
    expect(existsSync(join(work, 'chunks'))).toBe(false);
  });

  it('numbers the lines of briefs with their own prefixes apart, and deals them out', () => {
    const r = prepare({
      'zz9a-blind-eerste': ['Zullen we de zonnewijzer van de kapstok halen, mevrouw?'],
      'zz9b-blind-tweede': ['Die kapstok van eikenhout komt dinsdag terug uit de werkplaats.'],
    });
    expect(r.status).toBe(0);
    const ids = readFileSync(join(work, 'chunks', 'blind-01.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id).sort();
    expect(ids).toEqual(['zz9a-0001', 'zz9b-0001']);
  });
});
