import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import { fadesAtMs } from '../../main/coach/cue-policy.ts';
import type { Finding } from '../../main/contracts/finding.ts';
import { CoachConfigError, DEFAULT_COACH_CONFIG_PATH, loadCoachConfig, parseCoachConfig } from '../../main/coach/load-coach-config.ts';

function problems(text: string): string[] {
  try {
    parseCoachConfig(text, 'coach.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(CoachConfigError);
    return (err as CoachConfigError).problems;
  }
  throw new Error('expected the config to be refused');
}

describe('coach config', () => {
  it('the shipped rules/coach.yaml is valid and matches the built-in defaults except its overrides', () => {
    const shipped = loadCoachConfig();
    // liveConfidence is measured on the shipped model (test/scorer/live-threshold.test.ts checks it).
    expect({ ...shipped, behaviours: {}, liveConfidence: DEFAULT_COACH_CONFIG.liveConfidence }).toEqual(DEFAULT_COACH_CONFIG);
    expect(shipped.behaviours.onderbreken?.cooldownMs).toBe(60_000);
    expect(readFileSync(DEFAULT_COACH_CONFIG_PATH, 'utf8')).toMatch(/quietAfterTipMs/);
  });

  it('fills omitted settings with defaults', () => {
    const c = parseCoachConfig('quietAfterTipMs: 5000\n', 'coach.yaml');
    expect(c.quietAfterTipMs).toBe(5000);
    expect(c.praise).toEqual(DEFAULT_COACH_CONFIG.praise);
    expect(parseCoachConfig('', 'coach.yaml')).toEqual(DEFAULT_COACH_CONFIG);
  });

  it('sets when a tip fades (issue 14): from the finding, in coach.yaml', () => {
    expect(readFileSync(DEFAULT_COACH_CONFIG_PATH, 'utf8')).toMatch(/^tipFadesAfterMs: \d+/m);
    const c = parseCoachConfig('tipFadesAfterMs: 9000\n', 'coach.yaml');
    expect(fadesAtMs(c, { atMs: 20_000 } as Finding)).toBe(29_000);
    expect(problems('tipFadesAfterMs: 0\n')[0]).toMatch(/^coach\.yaml:1: tipFadesAfterMs: Too small/);
  });

  it('names file, line and field of each problem', () => {
    expect(problems('tipVisibleMs: 10000\nquietAfterTipMs: soon\n')).toEqual([
      'coach.yaml:2: quietAfterTipMs: Invalid input: expected number, received string',
    ]);
    expect(problems('praise:\n  enabled: true\n  minGap: 5\n')).toEqual(['coach.yaml:3: praise.minGap: Unrecognized key: "minGap"']);
    expect(problems('behaviours:\n  onderbreken:\n    cooldownMs: 1\n  shouting:\n    enabled: false\n'))
      .toEqual(['coach.yaml:4: behaviours.shouting: Unrecognized key: "shouting"']);
    expect(problems('minSeverity: loud\n')[0]).toMatch(/^coach\.yaml:1: minSeverity: /);
    expect(problems('tipVisibleMs: 1000\nminVisibleBeforeReplaceMs: 2000\n'))
      .toEqual(['coach.yaml:2: minVisibleBeforeReplaceMs: must not exceed tipVisibleMs (1000)']);
    expect(problems('snoozeMs: -1\n')[0]).toMatch(/^coach\.yaml:1: snoozeMs: Too small/);
  });

  it('reports broken YAML and a missing file clearly', () => {
    expect(problems('praise: [\n')[0]).toMatch(/^coach\.yaml:\d+: yaml: /);
    const dir = mkdtempSync(join(tmpdir(), 'coach-'));
    expect(() => loadCoachConfig(join(dir, 'none.yaml'))).toThrow(/none\.yaml: cannot read coach config/);
    writeFileSync(join(dir, 'bad.yaml'), 'tipVisibleMs: "12s"\n');
    expect(() => loadCoachConfig(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml:1: tipVisibleMs: /);
  });
});
