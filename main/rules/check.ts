// `rules check`: load every file (schema, ids, patterns) and run every rule's own examples.
// Example failures are reported like load problems, at the example's line. Where a language
// folder has a labelled corpus (`rules/nl/corpus/`), it is checked too, together with the blind
// sets, because a line in two splits or a label no text can show would skew every figure; and
// the learned scorer's model there must read and match the corpus it was trained on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { blindFiles, checkCorpus } from './corpus.ts';
import { checkModel } from '../scorer/check-model.ts';
import { loadRuleFiles, RuleProblem, ruleRoots } from './loader.ts';

export interface CheckReport {
  ruleCount: number;
  exampleFailures: number;
  /** Labelled lines checked in the corpus and the blind sets. */
  corpusLines: number;
  problems: RuleProblem[];
}

export interface CheckOptions {
  /** Folder with the blind sets (`blind-*.jsonl`), checked against the corpus. */
  blindDir?: string;
}

export function checkRules(dir: string, options: CheckOptions = {}): CheckReport {
  const { rules, problems } = loadRuleFiles(dir);
  const all = [...problems];
  let exampleFailures = 0;
  for (const rule of rules) {
    for (const f of rule.built.checkExamples()) {
      exampleFailures++;
      all.push(new RuleProblem(rule.file, rule.lineOf(f.path), f.path.map(String).join('.'), f.message));
    }
  }
  let corpusLines = 0;
  const blind = options.blindDir ? blindFiles(options.blindDir) : [];
  for (const root of ruleRoots(dir)) {
    all.push(...checkModel(root));
    const corpusDir = join(root, 'corpus');
    if (!existsSync(corpusDir)) continue;
    const corpus = checkCorpus(corpusDir, blind);
    corpusLines += corpus.lineCount;
    all.push(...corpus.problems);
  }
  return { ruleCount: rules.length, exampleFailures, corpusLines, problems: all };
}
