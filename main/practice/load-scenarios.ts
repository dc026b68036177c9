// Reads a folder of practice scenarios (scenarios/<lang>/<id>.yaml) the way rule files are read:
// every problem is reported as `file:line: field: problem`, and a broken file never loads.
import { basename } from 'node:path';
import { behaviour } from '../contracts/behaviours.ts';
import { fieldName, parseFile, RuleLoadError, RuleProblem, yamlFiles, type ParsedFile } from '../rules/loader.ts';
import type { FieldPath } from '../rules/types/rule-type.ts';
import { readableIssues } from '../rules/zod-issues.ts';
import { Scenario } from './scenario-schema.ts';

export interface LoadedScenario {
  scenario: Scenario;
  /** Path of the file, as reported in problems. */
  file: string;
  lineOf(path: FieldPath): number;
}

export interface ScenarioLoadResult {
  scenarios: LoadedScenario[];
  problems: RuleProblem[];
}

/** Problems no schema can see: ids, references between lines and examples, goal kinds. */
function crossChecks(s: Scenario, file: string): { path: FieldPath; message: string }[] {
  const out: { path: FieldPath; message: string }[] = [];
  const stem = basename(file).replace(/\.ya?ml$/, '');
  if (s.id !== stem) out.push({ path: ['id'], message: `"${s.id}" must equal the file name "${stem}"` });
  s.goals.forEach((g, i) => {
    if (!behaviour(g).helpful) out.push({ path: ['goals', i], message: `"${g}" is an unhelpful behaviour; goals are what the trainee should show` });
  });
  const ids = new Set<string>();
  s.lines.forEach((line, i) => {
    if (ids.has(line.id)) out.push({ path: ['lines', i, 'id'], message: `"${line.id}" is used by an earlier line` });
    ids.add(line.id);
  });
  if (s.lines.at(-1)?.when !== 'anything') {
    out.push({ path: ['lines', s.lines.length - 1, 'when'], message: 'the last line must be "when: anything", so the customer always has an answer' });
  }
  s.examples.forEach((ex, i) => {
    ex.path.forEach((id, j) => {
      if (!ids.has(id)) out.push({ path: ['examples', i, 'path', j], message: `no customer line "${id}"` });
    });
    ex.shown?.forEach((g, j) => {
      if (!s.goals.includes(g)) out.push({ path: ['examples', i, 'shown', j], message: `"${g}" is not one of the goals` });
    });
  });
  return out;
}

function loadOne(parsed: ParsedFile, problems: RuleProblem[]): LoadedScenario | null {
  const report = (path: FieldPath, message: string): void => {
    problems.push(new RuleProblem(parsed.file, parsed.lineOf(path), fieldName(path), message));
  };
  const raw: unknown = parsed.doc.toJS();
  const result = Scenario.safeParse(raw);
  if (!result.success) {
    for (const i of readableIssues(result.error, raw)) report(i.path, i.message);
    return null;
  }
  const problemsBefore = problems.length;
  for (const c of crossChecks(result.data, parsed.file)) report(c.path, c.message);
  if (problems.length > problemsBefore) return null;
  return { scenario: result.data, file: parsed.file, lineOf: parsed.lineOf };
}

/** Loads every scenario under `dir`, collecting all problems instead of stopping at the first. */
export function loadScenarioFiles(dir: string): ScenarioLoadResult {
  const problems: RuleProblem[] = [];
  let files: string[];
  try {
    files = yamlFiles(dir);
  } catch (err) {
    problems.push(new RuleProblem(dir, 1, '', `cannot read the scenario folder: ${(err as Error).message}`));
    return { scenarios: [], problems };
  }
  const scenarios: LoadedScenario[] = [];
  const seen = new Map<string, string>();
  for (const full of files) {
    const parsed = parseFile(full, problems);
    const loaded = parsed && loadOne(parsed, problems);
    if (!loaded) continue;
    const other = seen.get(loaded.scenario.id);
    if (other) {
      problems.push(new RuleProblem(loaded.file, loaded.lineOf(['id']), 'id', `"${loaded.scenario.id}" is also the id in ${other}`));
      continue;
    }
    seen.set(loaded.scenario.id, loaded.file);
    scenarios.push(loaded);
  }
  if (files.length === 0) problems.push(new RuleProblem(dir, 1, '', 'no scenario files (*.yaml) in this folder'));
  return { scenarios, problems };
}

export function loadScenariosOrThrow(dir: string): LoadedScenario[] {
  const { scenarios, problems } = loadScenarioFiles(dir);
  if (problems.length > 0) throw new RuleLoadError(problems);
  return scenarios;
}
