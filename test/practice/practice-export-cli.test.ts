// `klachtcoach practice export`: the trainee's rounds as the trainer's CSV, from the store file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../main/cli/practice.ts';
import { UserError } from '../../main/cli/user-error.ts';
import { recordPracticeRound } from '../../main/store/practice-results.ts';
import type { ScoreCard } from '../../main/practice/score-card.ts';
import { T0, tempStore, type TempStore } from '../store/helpers.ts';

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

const card = (scenarioId: string, shown: boolean): ScoreCard => ({
  scenarioId, examen: false, endReason: 'customer', turns: 3, interruptions: 0, talkShare: 0.4, path: ['rustiger'], slips: [],
  goals: [{ behaviour: 'begrip_tonen', name: 'Begrip tonen', shown, moments: [] }],
});

describe('practice export', () => {
  it('writes one row per round of the agent (optionally one scenario) to --out', async () => {
    t = tempStore();
    recordPracticeRound(t.store, { agentId: 'sanne', startedAtMs: T0, endedAtMs: T0 + 90_000, card: card('servicekosten', true) });
    recordPracticeRound(t.store, { agentId: 'sanne', startedAtMs: T0 + 1000, endedAtMs: T0 + 60_000, card: card('burenoverlast', false) });
    recordPracticeRound(t.store, { agentId: 'piet', startedAtMs: T0, endedAtMs: T0 + 60_000, card: card('servicekosten', true) });
    const out = join(t.dir, 'rondes.csv');
    expect(await run(['export', '--db', t.file, '--agent', 'sanne', '--out', out])).toBe(0);
    const rows = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['sanne,burenoverlast', 'sanne,servicekosten']);
    const only = join(t.dir, 'een.csv');
    expect(await run(['export', '--db', t.file, '--agent', 'sanne', '--scenario', 'servicekosten', '--out', only])).toBe(0);
    expect(readFileSync(only, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('names a store that is not there, and an unknown option', async () => {
    t = tempStore();
    const missing = join(t.dir, 'nergens.sqlite');
    await expect(run(['export', '--db', missing])).rejects.toThrow(new UserError(`export: ${missing}: no call store here (pass --db FILE)`));
    expect(existsSync(missing)).toBe(false);
    await expect(run(['export', '--dbb', missing])).rejects.toThrow(/export: Unknown option '--dbb'/);
  });
});
