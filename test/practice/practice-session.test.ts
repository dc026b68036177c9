import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { checkScenarioExamples, timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow, type LoadedScenario } from '../../main/practice/load-scenarios.ts';
import { CUSTOMER_YIELD_MS, PracticeSession } from '../../main/practice/practice-session.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';
import { playScript } from '../../main/practice/scripted-trainee.ts';
import type { Scenario } from '../../main/practice/scenario-schema.ts';

let engine: RuleEngine;
let scenarios: LoadedScenario[];
const byId = (id: string): Scenario => scenarios.find((l) => l.scenario.id === id)!.scenario;
const session = (scenario: Scenario, examen = false): PracticeSession =>
  new PracticeSession({ scenario, engine, timingRules: timingRuntimes(engine), coachConfig: DEFAULT_COACH_CONFIG, examen });

beforeAll(() => {
  engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
  scenarios = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR);
});

describe('practice session', () => {
  it('plays every shipped scenario\'s good and poor example round as written', () => {
    for (const loaded of scenarios) {
      expect(checkScenarioExamples(loaded, engine, DEFAULT_COACH_CONFIG).map(String), loaded.scenario.id).toEqual([]);
      const [good, poor] = loaded.scenario.examples;
      // The good round shows every goal and ends with the customer satisfied; the poor one shows none.
      const goodRound = session(loaded.scenario);
      playScript(goodRound, good!.turns);
      expect(goodRound.scoreCard().goals.every((g) => g.shown), loaded.scenario.id).toBe(true);
      expect(goodRound.scoreCard().slips).toEqual([]);
      const poorRound = session(loaded.scenario);
      playScript(poorRound, poor!.turns);
      expect(poorRound.scoreCard().goals.some((g) => g.shown), loaded.scenario.id).toBe(false);
      expect(poorRound.scoreCard().slips.length, loaded.scenario.id).toBeGreaterThan(0);
    }
  });

  it('a wrong example path is reported at its line', () => {
    const loaded = scenarios.find((l) => l.scenario.id === 'lekkage-derde-keer')!;
    const broken = { ...loaded, scenario: { ...loaded.scenario, examples: [{ ...loaded.scenario.examples[0]!, path: ['rustiger', 'afspraak'] }] } };
    const [problem] = checkScenarioExamples(broken, engine, DEFAULT_COACH_CONFIG).map(String);
    expect(problem).toMatch(/lekkage-derde-keer\.yaml:\d+: examples\.0\.path: "goed gesprek": the customer said \[rustiger, details, afspraak\], expected \[rustiger, afspraak\]/);
  });

  it('a customer talked over stops, the interruption rule flags it and the customer reacts to it', () => {
    const round = session(byId('lekkage-derde-keer'));
    const opening = round.start();
    const startMs = opening.startMs + 1500;
    const result = round.answer({ kind: 'say', text: 'Mevrouw, mag ik even iets zeggen over de planning?', startMs });
    expect(result.interrupted).toBe(true);
    expect(result.customer?.lineId).toBe('onderbroken');
    const interruption = result.findings.find((f) => f.behaviour === 'onderbreken' && f.source === 'timing');
    expect(interruption?.rangeMs?.startMs).toBeGreaterThanOrEqual(startMs);
    // The customer gave way: the overlap is the yield time, not the rest of the opening line.
    expect(interruption!.rangeMs!.endMs - interruption!.rangeMs!.startMs).toBeLessThanOrEqual(CUSTOMER_YIELD_MS);
    expect(round.scoreCard().interruptions).toBe(1);
  });

  it('a quick answer right at the end of the customer\'s line is not an interruption', () => {
    const round = session(byId('lekkage-derde-keer'));
    const opening = round.start();
    const result = round.answer({ kind: 'say', text: 'Wat vervelend dat u hier al voor de derde keer over moet bellen.', startMs: opening.endMs - 100 });
    expect(result.interrupted).toBe(false);
    expect(result.findings.map((f) => f.behaviour)).toEqual(['begrip_tonen']);
    expect(result.customer?.lineId).toBe('rustiger');
    // The customer waits for the trainee to finish before answering.
    expect(result.customer!.startMs).toBeGreaterThan(opening.endMs + 1000);
  });

  it('long silence makes the customer press on, again and again', () => {
    const round = session(byId('burenoverlast'));
    const opening = round.start();
    const first = round.answer({ kind: 'silence', atMs: opening.endMs + 8000 });
    expect(first.customer?.lineId).toBe('stilte');
    // A silence turn the UI reports early still waits the scenario's silence time.
    const second = round.answer({ kind: 'silence', atMs: first.customer!.endMs + 10 });
    expect(second.customer?.lineId).toBe('stilte');
    expect(second.customer!.startMs).toBeGreaterThanOrEqual(first.customer!.endMs + 8000);
  });

  it('the score card names each goal shown or missed, with the trainee\'s words', () => {
    const round = session(byId('pakket-niet-bezorgd'));
    playScript(round, [
      { say: 'Dat ligt aan de bezorger, daar kunnen wij niks aan doen.', interrupt: false },
      { say: 'Ik stuur vandaag een nieuw pakket en ik mail u vanmiddag zelf de track en trace code.', interrupt: false },
    ]);
    const card = round.scoreCard();
    expect(card.endReason).toBe('customer');
    expect(card.path).toEqual(['geergerd', 'opgelost']);
    expect(card.goals.map((g) => [g.behaviour, g.shown])).toEqual([['begrip_tonen', false], ['eigenaarschap', false], ['vervolgstappen', true]]);
    const next = card.goals.find((g) => g.behaviour === 'vervolgstappen')!.moments;
    expect(next).toEqual([expect.objectContaining({ turn: 2, words: 'Ik stuur vandaag een nieuw pakket en ik mail u vanmiddag zelf de track en trace code.' })]);
    expect(card.slips).toEqual([expect.objectContaining({
      behaviour: 'verdedigen',
      moments: [expect.objectContaining({ turn: 1, evidence: expect.stringContaining('niks aan doen') })],
    })]);
    expect(card.talkShare).toBeGreaterThan(0.3);
    expect(card.talkShare).toBeLessThan(0.8);
    expect(card.interruptions).toBe(0);
  });

  it('coaches live like a real call, and examen mode gives no tips but the same score card', () => {
    const turns = [{ say: 'Daar ga ik niet over, dat heeft de directie zo besloten.', interrupt: false }] as const;
    const coached = session(byId('lekkage-derde-keer'));
    const [withTip] = playScript(coached, turns).results;
    expect(withTip!.tip).toMatchObject({ kind: 'flag', behaviour: 'verschuilen' });
    const exam = session(byId('lekkage-derde-keer'), true);
    const [noTip] = playScript(exam, turns).results;
    expect(noTip!.tip).toBeNull();
    expect(exam.scoreCard()).toEqual({ ...coached.scoreCard(), examen: true });
  });

  it('ends at the turn limit without a customer line, and refuses turns after the end', () => {
    const scenario = { ...byId('servicekosten'), end: { maxTurns: 2 } };
    const round = session(scenario);
    const { results } = playScript(round, [{ silence: true }, { silence: true }, { silence: true }]);
    expect(results.map((r) => r.customer?.lineId ?? null)).toEqual(['stilte', null]);
    expect(round.scoreCard().endReason).toBe('max-turns');
    expect(() => round.answer({ kind: 'silence', atMs: 1e6 })).toThrow(/over/);
  });
});
