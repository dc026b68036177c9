// `rules check` for practice scenarios: every file loads, every recording is named after a line
// and can be read, every goal can be shown in a typed
// round (some enabled rule detects it from words), and every example plays the customer path it
// promises, ending where it says, through the real engine and coach.
import type { CoachConfig } from '../coach/coach-config.ts';
import { RuleProblem } from '../rules/loader.ts';
import type { RuleEngine } from '../rules/engine.ts';
import { isTimingRuleRuntime } from '../turns/timing-detector.ts';
import { loadScenarioFiles, type LoadedScenario } from './load-scenarios.ts';
import { PracticeSession } from './practice-session.ts';
import { playScript } from './scripted-trainee.ts';
import { findRecordedLines } from './recorded-lines.ts';

export interface ScenarioCheck {
  scenarioCount: number;
  exampleCount: number;
  problems: RuleProblem[];
}

export function timingRuntimes(engine: RuleEngine) {
  return engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime);
}

/** Problems with one scenario's examples, empty when each plays as written. */
export function checkScenarioExamples(loaded: LoadedScenario, engine: RuleEngine, coachConfig: CoachConfig): RuleProblem[] {
  const { scenario, file, lineOf } = loaded;
  const problems: RuleProblem[] = [];
  const textBehaviours = new Set(engine.rules.filter((r) => r.header.enabled && r.built.kind === 'text').map((r) => r.header.behaviour));
  scenario.goals.forEach((goal, i) => {
    if (!textBehaviours.has(goal)) {
      problems.push(new RuleProblem(file, lineOf(['goals', i]), `goals.${i}`, `no enabled rule detects "${goal}" from words, so a typed round can never show it`));
    }
  });
  scenario.examples.forEach((example, i) => {
    const session = new PracticeSession({ scenario, engine, timingRules: timingRuntimes(engine), coachConfig });
    const round = playScript(session, example.turns);
    const card = session.scoreCard();
    session.dispose();
    const report = (field: string, message: string): void => {
      problems.push(new RuleProblem(file, lineOf(['examples', i, field]), `examples.${i}.${field}`, `"${example.name}": ${message}`));
    };
    if (card.path.join(' ') !== example.path.join(' ')) {
      report('path', `the customer said [${card.path.join(', ')}], expected [${example.path.join(', ')}]`);
    } else if (round.unplayed > 0) {
      report('turns', `the round ended with ${round.unplayed} turn(s) left unplayed`);
    } else if (!session.over) {
      report('path', `the round did not end after "${example.path.at(-1)}" (give it "ends: true" or end.maxTurns)`);
    }
    if (example.shown) {
      const shown = card.goals.filter((g) => g.shown).map((g) => g.behaviour);
      if ([...shown].sort().join(' ') !== [...example.shown].sort().join(' ')) {
        report('shown', `the score card shows [${shown.join(', ')}], expected [${example.shown.join(', ')}]`);
      }
    }
  });
  return problems;
}

export function checkScenarios(dir: string, engine: RuleEngine, coachConfig: CoachConfig): ScenarioCheck {
  const { scenarios, problems } = loadScenarioFiles(dir);
  const all = [...problems];
  let exampleCount = 0;
  for (const loaded of scenarios) {
    exampleCount += loaded.scenario.examples.length;
    all.push(...findRecordedLines(loaded).problems, ...checkScenarioExamples(loaded, engine, coachConfig));
  }
  return { scenarioCount: scenarios.length, exampleCount, problems: all };
}
