// `klachtcoach rules check [DIR] [--blind DIR] [--scenarios DIR]`: validates every rule file under
// DIR (default: rules) and runs the examples each rule carries, then checks the labelled corpus
// beside the rules and the blind sets (default: test/rules/fixtures next to DIR, where it exists),
// and the practice scenarios (default: scenarios next to DIR) with their example rounds.
// Prints `file:line: field: problem` per problem; exit 1 if any.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRules } from '../rules/check.ts';
import { RuleEngine } from '../rules/engine.ts';
import { DEFAULT_COACH_CONFIG } from '../coach/coach-config.ts';
import { checkScenarios } from '../practice/check-scenarios.ts';
import { loadScenarioFiles } from '../practice/load-scenarios.ts';
import { scenariosBeside } from '../practice/scenario-dir.ts';
import { UserError } from './user-error.ts';

const USAGE = 'use: klachtcoach rules check [DIR] [--blind DIR] [--scenarios DIR]';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  // `rules stats` reads the call store, so it lives with the store's CLI in review.ts.
  if (sub === 'stats') return (await import('./review.ts')).runRulesStats(rest);
  if (sub !== 'check') throw new UserError(`unknown subcommand "${sub ?? ''}"; ${USAGE}`, 2);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { blind: { type: 'string' }, scenarios: { type: 'string' } } });
  } catch (err) {
    throw new UserError(`${(err as Error).message}; ${USAGE}`, 2);
  }
  const [dir = 'rules', ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, 2);
  const defaultBlind = join(dir, '..', 'test', 'rules', 'fixtures');
  const blindDir = parsed.values.blind ?? (existsSync(defaultBlind) ? defaultBlind : undefined);
  if (blindDir && !existsSync(blindDir)) throw new UserError(`--blind ${blindDir}: no such folder`, 2);
  const scenariosDir = parsed.values.scenarios ?? scenariosBeside(dir);
  if (scenariosDir && !existsSync(scenariosDir)) throw new UserError(`--scenarios ${scenariosDir}: no such folder`, 2);
  const report = checkRules(dir, { blindDir });
  let scenarioLine = '';
  if (scenariosDir) {
    // The examples play through the engine, so they run only on a rule set that loads cleanly.
    const scenarios = report.problems.length === 0
      ? checkScenarios(scenariosDir, RuleEngine.fromDir(dir), DEFAULT_COACH_CONFIG)
      : { ...loadScenarioFiles(scenariosDir), scenarioCount: 0, exampleCount: 0 };
    report.problems.push(...scenarios.problems);
    scenarioLine = `; ${scenarios.scenarioCount} practice scenarios in ${scenariosDir}, ${scenarios.exampleCount} example rounds pass`;
  }
  for (const p of report.problems) console.error(p.toString());
  if (report.problems.length > 0) {
    console.error(`rules check: ${report.problems.length} problem(s) in ${dir}`);
    return 1;
  }
  const corpus = report.corpusLines > 0 ? `; ${report.corpusLines} labelled corpus and blind lines valid` : '';
  console.log(`rules check: ${report.ruleCount} rules in ${dir}, all valid, all examples pass${corpus}${scenarioLine}`);
  return 0;
}
