// Every shipped scenario's example rounds (scenarios/nl/*.yaml: turns, interrupt flags, the
// customer's path, the goals shown), as the Oefenen browser tests play them, typed and by voice,
// and what the page must show for each: the customer's lines in order and the score card. The
// expectations come from the scenario files, never from the code under test.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { OPENING_LINE_ID } from '../../main/practice/practice-session.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';
import type { Scenario, ScenarioExample } from '../../main/practice/scenario-schema.ts';

export interface ExampleRound {
  scenario: Scenario;
  example: ScenarioExample;
  /** For names of tests and screenshots: "<scenario id>-<example number>". */
  key: string;
}

export const shippedScenarios = (): Scenario[] => loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).map((l) => l.scenario);

export function exampleRounds(scenario: Scenario): ExampleRound[] {
  return scenario.examples.map((example, i) => ({ scenario, example, key: `${scenario.id}-${i + 1}` }));
}

/** What the customer says as line `id` (or the opening). */
export function lineText(scenario: Scenario, id: string): string {
  if (id === OPENING_LINE_ID) return scenario.opening;
  const line = scenario.lines.find((l) => l.id === id);
  if (!line) throw new Error(`${scenario.id}: no line "${id}"`);
  return line.say;
}

export const interruptionsOf = (example: ScenarioExample): number => example.turns.filter((t) => 'say' in t && t.interrupt).length;
export const spokenTurns = (example: ScenarioExample): string[] => example.turns.flatMap((t) => ('say' in t ? [t.say] : []));
const shownOf = (example: ScenarioExample): string[] => example.shown ?? [];
/** A round that shows every goal the scenario trains (the "good" example). */
export const showsEveryGoal = ({ scenario, example }: ExampleRound): boolean => scenario.goals.every((g) => shownOf(example).includes(g));

/**
 * Records, in the page, every customer line the page shows (the text under "De klant"), in order,
 * including a line said twice. Call before the page loads; read with customerLinesShown.
 */
export async function watchCustomerLines(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { customerLinesShown: string[] }).customerLinesShown = shown;
    // The conversation so far lists every line (also a repeated one); its customer lines, in order.
    let seen = 0;
    new MutationObserver(() => {
      const said = [...document.querySelectorAll('.practice__history li')].map((li) => li.textContent ?? '');
      const customer = said.filter((s) => s.startsWith('Klant:')).map((s) => s.replace(/^Klant:\s*/, ''));
      if (customer.length > seen) shown.push(...customer.slice(seen));
      seen = customer.length > 0 ? Math.max(seen, customer.length) : 0;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

export const customerLinesShown = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...(window as unknown as { customerLinesShown: string[] }).customerLinesShown]);

/**
 * The customer's lines the page showed during the round: the opening and the path. The last line
 * of the path ends the round and comes with the score card, which replaces the conversation, so
 * the conversation never shows it; the card quotes it under "De klant rondde het gesprek af.".
 */
export function expectedLinesShown({ scenario, example }: ExampleRound): string[] {
  return [OPENING_LINE_ID, ...example.path.slice(0, -1)].map((id) => lineText(scenario, id));
}

/** The score card on the page, against the example: goals shown and missed, slips, interruptions, the end. */
export async function expectScoreCard(page: Page, round: ExampleRound): Promise<void> {
  const { scenario, example } = round;
  const label = round.key;
  const lastLine = scenario.lines.find((l) => l.id === example.path.at(-1));
  if (lastLine?.ends) {
    await page.getByTestId('score-card').getByText('De klant rondde het gesprek af.').waitFor();
    expect(await page.getByTestId('closing-line').textContent(), `${label}: the closing line`).toBe(`Klant: “${lineText(scenario, lastLine.id)}”`);
  }
  for (const goal of scenario.goals) {
    const item = page.getByTestId(`goal-${goal}`);
    const shown = shownOf(example).includes(goal);
    expect(await item.textContent(), `${label}: ${goal}`).toMatch(shown ? /^✓ Gedaan/ : /^✗ Gemist/);
    // A goal shown is quoted with the trainee's own words from one of the turns.
    if (shown) {
      const quotes = await item.locator('blockquote').allTextContents();
      expect(quotes.length, `${label}: ${goal} moments`).toBeGreaterThan(0);
      for (const q of quotes) expect(spokenTurns(example).some((said) => q.includes(said)), `${label}: ${q}`).toBe(true);
    }
  }
  const interruptions = interruptionsOf(example);
  expect(await page.getByTestId('talk-facts').textContent(), label).toContain(`Klant onderbroken: ${interruptions}×`);
  // Each time the trainee talked over the customer is a moment under "onderbreken" (words like
  // "ik weet al wat u wilt zeggen" can add one, without talking over anybody).
  const onderbreken = await page.getByTestId('slip-onderbreken').locator('blockquote').count();
  expect(onderbreken, `${label}: onderbreken moments`).toBeGreaterThanOrEqual(interruptions);
  // Every goal shown: nothing to do better; otherwise the card names at least one thing.
  const slips = await page.locator('[data-testid^="slip-"]').count();
  if (showsEveryGoal(round)) expect(slips, `${label}: slips`).toBe(0);
  else expect(slips, `${label}: slips`).toBeGreaterThan(0);
}
