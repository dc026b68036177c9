// The analyze, eval and rules commands as a user runs them, including bad input: each problem
// is named with its line, and the rest of the file is still analysed.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'kc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['scripts/dev-cli.mjs', ...args], { encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const line = (startMs: number, text: string): string => JSON.stringify({ startMs, endMs: startMs + 2000, text });

describe('klachtcoach analyze', () => {
  it('prints one Finding per line with --json', () => {
    const f = file('call.jsonl', [line(0, 'Goedemorgen, u spreekt met Sanne.'), line(5000, 'Ja, de directie vindt dat niet nodig.'), line(9000, 'Het spijt me echt, dat is niet goed gegaan.')].join('\n'));
    const r = cli('analyze', f, '--json');
    expect(r.status).toBe(0);
    const findings = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(findings.map((x) => [x.kind, x.behaviour, x.atMs])).toEqual([['flag', 'verschuilen', 7000], ['praise', 'eigenaarschap', 11000]]);
    expect(findings[0]).toMatchObject({ ruleId: 'verschuilen-directie-besluit', tip: expect.any(String) });
  });

  it('lists every occurrence with --json, each saying whether the live coach would have shown it', () => {
    // Three "de directie vindt" 10 s apart: the engine reports all three; the coach shows the first
    // and keeps the others off the screen (quiet period, then the behaviour's cooldown).
    const f = file('repeats.jsonl', [0, 10_000, 20_000].map((t) => line(t, 'Ja, de directie vindt dat niet nodig.')).join('\n'));
    const r = cli('analyze', f, '--json');
    expect(r.status).toBe(0);
    const findings = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(findings.map((x) => [x.behaviour, x.atMs, x.shown])).toEqual([
      ['verschuilen', 2000, true], ['verschuilen', 12_000, false], ['verschuilen', 22_000, false],
    ]);
    expect(findings[1]).toMatchObject({ rangeMs: { startMs: 10_000, endMs: 12_000 } });
    const readable = cli('analyze', f);
    expect(readable.stdout).toMatch(/3 utterances: 3 flag\(s\), 0 praise, 1 shown live/);
  });

  it('judges the pace of a transcript from its utterance times, as on a mono call', () => {
    const fast = 'Ik heb in het systeem gezien dat de factuur van vorige maand verkeerd is berekend en dat we dat bedrag nu terugstorten op uw rekening.';
    const f = file('fast.jsonl', [0, 5300, 10_600].map((t) => JSON.stringify({ startMs: t, endMs: t + 5000, text: fast })).join('\n'));
    const findings = cli('analyze', f, '--json').stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(findings.filter((x) => x.behaviour === 'rustig_blijven')).toEqual([
      expect.objectContaining({ kind: 'flag', source: 'timing', ruleId: 'rustig-blijven-tempo', tip: 'Praat wat rustiger, dan kan de klant je volgen.', rangeMs: { startMs: 0, endMs: 10_300 } }),
    ]);
  });

  it('replays the coach given with --coach', () => {
    const f = file('repeats2.jsonl', [0, 10_000, 70_000].map((t) => line(t, 'Ja, de directie vindt dat niet nodig.')).join('\n'));
    const coach = file('eager-coach.yaml', 'quietAfterTipMs: 0\ncooldownPerBehaviourMs: 0\ntipVisibleMs: 5000\nminVisibleBeforeReplaceMs: 0\n');
    const r = cli('analyze', f, '--json', '--coach', coach);
    // The rule file's own pacing (60 s) still holds the second one back; the third comes after it.
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { shown: boolean }).shown)).toEqual([true, false, true]);
    expect(cli('analyze', f, '--coach', file('bad-coach.yaml', 'quietAfterTipMs: soon\n')).stderr).toMatch(/bad-coach\.yaml:1: quietAfterTipMs: /);
  });

  it('prints readable lines by default', () => {
    const f = file('call2.jsonl', line(61_000, 'Nee, dat kan niet.'));
    const r = cli('analyze', f);
    expect(r.stdout).toMatch(/01:03\.0\s+FLAG\s+nee_verkopen\s+"Nee, dat kan niet"/);
    expect(r.stdout).toMatch(/tip: /);
  });

  it('names a malformed line, a binary line, an unknown field and a 1 MB line, and analyses the rest', () => {
    const f = file('bad.jsonl', [
      line(0, 'Nee, dat kan niet.'),
      '{"startMs": 1, "endMs": 2, "text": "oops"',
      JSON.stringify({ startMs: 3000, endMs: 4000, text: 'Zoals ik al zei, uw pas is verlopen.', speaker: 'agent' }),
      JSON.stringify({ startMs: 5000, endMs: 4000, text: 'x' }),
      JSON.stringify({ startMs: 6000, endMs: 7000, text: 'a'.repeat(1_048_576) }),
      JSON.stringify({ startMs: 8000, endMs: 9000 }),
      '[1,2,3]',
      Buffer.from([0xff, 0xfe, 0x41]).toString('latin1'),
      line(12_000, 'Dat ligt echt niet aan ons.'),
    ].join('\n'));
    const r = cli('analyze', f, '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.jsonl:2: error: not valid JSON');
    expect(r.stderr).toContain('bad.jsonl:3: warning: unknown field "speaker" ignored');
    expect(r.stderr).toContain('bad.jsonl:4: error: endMs: endMs is before startMs; skipped');
    expect(r.stderr).toMatch(/bad\.jsonl:5: error: line is \d+ characters long \(limit 100000\); skipped/);
    expect(r.stderr).toMatch(/bad\.jsonl:6: error: text: .*skipped/);
    expect(r.stderr).toContain('bad.jsonl:7: error: expected a JSON object; skipped');
    expect(r.stderr).toMatch(/bad\.jsonl:8: error: /);
    const behaviours = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { behaviour: string }).behaviour);
    expect(behaviours).toEqual(['nee_verkopen', 'ongeduldig', 'verdedigen']);
  });

  it('refuses an empty file and a binary file with one clear message', () => {
    const empty = cli('analyze', file('empty.jsonl', '\n  \n'));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/empty\.jsonl: empty file, no utterances/);
    const bin = cli('analyze', file('junk.jsonl', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x00, 0x01])));
    expect(bin.status).toBe(1);
    expect(bin.stderr).toMatch(/junk\.jsonl: binary data \(NUL byte at offset 5\)/);
    const missing = cli('analyze', join(dir, 'nope.jsonl'));
    expect(missing.stderr).toMatch(/nope\.jsonl: no such file/);
  });

  it('refuses a broken rule folder with file:line: field: problem', () => {
    mkdirSync(join(dir, 'rules', 'nl'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'nl', 'x.yaml'), 'id: x\nbehaviour: nee_verkopen\ntype: phrase\nseverity: medium\npacing: { cooldownMs: 0 }\ntip: "Zeg wat wel kan."\npatterns: ["(kapot"]\nexamples: {fire: ["[a]"], pass: ["b"]}\nheadline: "Zeg wat wel kan"\nsay: "Wat ik wel kan doen, is dit."\n');
    const r = cli('analyze', file('ok.jsonl', line(0, 'hallo')), '--rules', join(dir, 'rules'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/x\.yaml:7: patterns\.0: pattern "\(kapot": missing "\)"/);
    const check = cli('rules', 'check', join(dir, 'rules'));
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/x\.yaml:7: patterns\.0: /);
  });
});

describe('klachtcoach eval', () => {
  it('prints micro and per-behaviour scores as JSON, on text and recogniser style', () => {
    const f = file('lab.jsonl', [
      JSON.stringify({ text: 'Nee, dat kan niet.', labels: ['nee_verkopen'] }),
      JSON.stringify({ text: 'Mag ik uw postcode?', labels: [] }),
      JSON.stringify({ text: 'Dat ligt niet aan ons.', labels: ['verdedigen'] }),
      JSON.stringify({ text: 'Ik zoek het op.', labels: ['vervolgstappen'] }),
    ].join('\n'));
    for (const field of ['text', 'asr']) {
      const r = cli('eval', f, '--json', '--field', field);
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { micro: { precision: number; recall: number; f1: number }; behaviours: Record<string, { tp: number }> };
      expect(out.micro.precision).toBe(1);
      expect(out.micro.recall).toBeCloseTo(2 / 3, 5);
      expect(out.behaviours.nee_verkopen!.tp).toBe(1);
    }
  });

  it('skips a line with an unknown label and says which', () => {
    const f = file('lab2.jsonl', [JSON.stringify({ text: 'x', labels: ['zeuren'] }), JSON.stringify({ text: 'Nee, dat kan niet.', labels: ['nee_verkopen'] })].join('\n'));
    const r = cli('eval', f, '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lab2\.jsonl:1: error: labels\.0: /);
    expect((JSON.parse(r.stdout) as { micro: { f1: number } }).micro.f1).toBe(1);
  });

  it('with the model: per source, a 10-bin calibration table, the live bar, --misses with evidence, --threshold to sweep', () => {
    const f = file('lab4.jsonl', [
      JSON.stringify({ id: 'a', text: 'Ja, de directie vindt dat niet nodig.', labels: ['verschuilen'] }),
      JSON.stringify({ id: 'b', text: 'Dat had u echt zelf moeten weten, mevrouw.', labels: [] }),
      JSON.stringify({ id: 'c', text: 'Mag ik uw postcode en huisnummer?', labels: [] }),
    ].join('\n'));
    interface Out { micro: { tp: number; fp: number }; sources: Record<'pattern' | 'model' | 'both', { findings: number }>; calibration: { pairs: number }[]; live: { target: number } | null; misses?: { id: string; extra: { evidence: unknown[] }[] }[] }
    const run = (...extra: string[]): Out => JSON.parse(cli('eval', f, '--json', ...extra).stdout) as Out;
    const out = run('--misses');
    expect(out.calibration).toHaveLength(10);
    expect(out.calibration.reduce((n, b) => n + b.pairs, 0)).toBe(3 * 23); // every line x every text behaviour
    expect(Object.values(out.sources).reduce((n, s) => n + s.findings, 0)).toBe(out.micro.tp + out.micro.fp);
    expect(out.live?.target).toBe(0.9);
    // Line b is a reproach the labels leave out: a false finding, with the words that carried it.
    expect(out.misses!.find((m) => m.id === 'b')?.extra[0]?.evidence.length).toBeGreaterThan(0);
    expect(run().misses).toBeUndefined();
    // A threshold of 1 lets nothing through; 0 lets every behaviour the model scores through.
    expect(run('--threshold', '1').micro).toMatchObject({ tp: 0, fp: 0 });
    expect(run('--threshold', '0').micro.fp).toBeGreaterThan(out.micro.fp);
    expect(run('--no-model').live).toBeNull();
  });

  it('measures the corpus dev split with corpus-dev', () => {
    const r = cli('eval', 'corpus-dev', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { utterances: number; micro: { f1: number } };
    const dev = readdirSync('rules/nl/corpus').filter((n) => n.endsWith('.jsonl'))
      .flatMap((n) => readFileSync(join('rules/nl/corpus', n), 'utf8').split('\n').filter((l) => l.includes('"split":"dev"')));
    expect(out.utterances).toBe(dev.length);
    expect(out.micro.f1).toBeGreaterThan(0.5);
  });

  it('rejects a bad --field', () => {
    const r = cli('eval', file('lab3.jsonl', JSON.stringify({ text: 'x', labels: [] })), '--field', 'audio');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--field must be one of text, asr, asrHeavy, not "audio"/);
  });
});
