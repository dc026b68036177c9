// `rules check`: load every file (schema, ids, patterns) and run every rule's own examples.
// Example failures are reported like load problems, at the example's line.
import { loadRuleFiles, RuleProblem } from './loader.ts';

export interface CheckReport {
  ruleCount: number;
  exampleFailures: number;
  problems: RuleProblem[];
}

export function checkRules(dir: string): CheckReport {
  const { rules, problems } = loadRuleFiles(dir);
  const all = [...problems];
  let exampleFailures = 0;
  for (const rule of rules) {
    for (const f of rule.built.checkExamples()) {
      exampleFailures++;
      all.push(new RuleProblem(rule.file, rule.lineOf(f.path), f.path.map(String).join('.'), f.message));
    }
  }
  return { ruleCount: rules.length, exampleFailures, problems: all };
}
