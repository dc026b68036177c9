// Reads a folder of rule files, validates every file and compiles every pattern once. A broken
// file is never skipped: each problem is reported as `file:line: field: problem` and the rule
// set does not load. `rules check` collects every problem at once; the engine refuses the set.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { behaviour } from '../contracts/behaviours.ts';
import { HEADER_KEYS, RuleHeader } from './schema.ts';
import { RULE_TYPES } from './types/index.ts';
import type { BuiltRule, FieldPath } from './types/rule-type.ts';
import { readableIssues } from './zod-issues.ts';
import { listNode, PatternError, type ListLookup, type PatternNode } from './pattern.ts';

/** The header key of old rule files that paced a rule inside the engine. */
const MOVED_COOLDOWN = 'cooldownMs';
const MOVED_COOLDOWN_MESSAGE = 'the engine reports every occurrence now; pacing belongs to the coach: write `pacing: { cooldownMs: N }`';

/** Files with this name hold shared word lists (`@name` in patterns), not rules. */
export const LIST_FILE = 'lists.yaml';

export class RuleProblem {
  constructor(readonly file: string, readonly line: number, readonly field: string, readonly message: string) {}
  toString(): string {
    return `${this.file}:${this.line}: ${this.field || '(file)'}: ${this.message}`;
  }
}

export class RuleLoadError extends Error {
  constructor(readonly problems: readonly RuleProblem[]) {
    super(`${problems.length} problem(s) in the rule files:\n${problems.map(String).join('\n')}`);
    this.name = 'RuleLoadError';
  }
}

export interface LoadedRule {
  header: RuleHeader;
  /** Path of the rule file, relative to the folder that was loaded. */
  file: string;
  built: BuiltRule;
  /** The line of a field in the file, for reports about the rule after loading (examples). */
  lineOf(path: FieldPath): number;
  /** The rule's `examples` as written (the scorer trains on them too). */
  examples: unknown;
}

export interface LoadResult {
  rules: LoadedRule[];
  problems: RuleProblem[];
}

/**
 * Rule files live in per-language folders (rules/nl/...). Given the top folder, only those are
 * read, so other configuration next to them (rules/coach.yaml, the catalogue) is not taken for
 * a rule; given a language folder or any other folder, everything in it is.
 */
export function ruleRoots(dir: string): string[] {
  const langs = readdirSync(dir)
    .filter((name) => /^[a-z]{2}$/.test(name) && statSync(join(dir, name)).isDirectory())
    .sort();
  return langs.length > 0 ? langs.map((l) => join(dir, l)) : [dir];
}

export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) out.push(full);
    }
  };
  for (const root of ruleRoots(dir)) walk(root);
  return out;
}

export interface ParsedFile {
  file: string;
  doc: Document;
  lineOf(path: FieldPath): number;
}

export function fieldName(path: FieldPath): string {
  return path.map(String).join('.');
}

/** Reads and parses one YAML file; problems go to `problems`, null when nothing usable is left. */
export function parseFile(full: string, problems: RuleProblem[]): ParsedFile | null {
  const file = relative(process.cwd(), full) || full;
  let src: string;
  try {
    src = readFileSync(full, 'utf8');
  } catch (err) {
    problems.push(new RuleProblem(file, 1, '', `cannot read: ${(err as Error).message}`));
    return null;
  }
  if (src.includes('\0') || src.includes('\uFFFD')) {
    problems.push(new RuleProblem(file, 1, '', 'not a UTF-8 text file'));
    return null;
  }
  const lines = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  for (const err of doc.errors) {
    const line = err.linePos?.[0].line ?? lines.linePos(err.pos[0]).line;
    problems.push(new RuleProblem(file, line, '', `YAML: ${err.message.split('\n')[0]}`));
  }
  if (doc.errors.length > 0) return null;
  const lineOf = (path: FieldPath): number => {
    // Walk back to the deepest part of the path that exists (a missing key points at its parent).
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { file, doc, lineOf };
}

const ListFile = z.strictObject({
  lists: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'list names are lower case a-z, 0-9, "_" or "-"'),
    z.array(z.string().min(1)).min(1)),
});

function loadLists(files: string[], problems: RuleProblem[]): ListLookup {
  const nodes = new Map<string, PatternNode>();
  const lookup: ListLookup = (name) => nodes.get(name);
  for (const full of files) {
    const parsed = parseFile(full, problems);
    if (!parsed) continue;
    const result = ListFile.safeParse(parsed.doc.toJS());
    if (!result.success) {
      for (const i of readableIssues(result.error, parsed.doc.toJS())) {
        problems.push(new RuleProblem(parsed.file, parsed.lineOf(i.path), fieldName(i.path), i.message));
      }
      continue;
    }
    // Lists may use lists defined above them in the file (a list of lists), never below.
    for (const [name, entries] of Object.entries(result.data.lists)) {
      if (nodes.has(name)) {
        problems.push(new RuleProblem(parsed.file, parsed.lineOf(['lists', name]), `lists.${name}`, 'list defined twice'));
        continue;
      }
      try {
        nodes.set(name, listNode(entries, lookup));
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        problems.push(new RuleProblem(parsed.file, parsed.lineOf(['lists', name]), `lists.${name}`, err.message));
      }
    }
  }
  return lookup;
}

function loadRule(parsed: ParsedFile, lists: ListLookup, problems: RuleProblem[]): LoadedRule | null {
  const { file, lineOf } = parsed;
  const report = (path: FieldPath, message: string): void => {
    problems.push(new RuleProblem(file, lineOf(path), fieldName(path), message));
  };
  const raw: unknown = parsed.doc.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report([], 'a rule file must be a YAML mapping (id:, behaviour:, type:, ...)');
    return null;
  }
  const headerPart: Record<string, unknown> = {};
  const paramPart: Record<string, unknown> = {};
  let examples: unknown;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'examples') examples = value;
    else if (key === MOVED_COOLDOWN) report([key], MOVED_COOLDOWN_MESSAGE);
    else if (HEADER_KEYS.has(key)) headerPart[key] = value;
    else paramPart[key] = value;
  }
  const header = RuleHeader.safeParse(headerPart);
  if (!header.success) {
    for (const i of readableIssues(header.error, headerPart)) report(i.path, i.message);
    return null;
  }
  const h = header.data;
  const stem = basename(file).replace(/\.ya?ml$/, '');
  if (h.id !== stem) report(['id'], `"${h.id}" must equal the file name "${stem}"`);
  const type = RULE_TYPES.get(h.type);
  if (!type) {
    report(['type'], `unknown rule type "${h.type}"; known: ${[...RULE_TYPES.keys()].join(', ')}`);
    return null;
  }
  if (h.kind === 'praise' && !behaviour(h.behaviour).helpful) {
    report(['kind'], `"${h.behaviour}" is unhelpful behaviour: it cannot be praised`);
  }
  const detect = behaviour(h.behaviour).detect;
  if (!detect.includes(type.kind)) {
    report(['behaviour'], `"${h.behaviour}" is not revealed by ${type.kind} (catalogue: ${detect.join(', ')})`);
  }
  const built = type.build(h, paramPart, examples, { lists });
  if (Array.isArray(built)) {
    for (const issue of built) report(issue.path, issue.message);
    return null;
  }
  return { header: h, file, built, lineOf, examples };
}

/** Loads every rule under `dir`, collecting all problems instead of stopping at the first. */
export function loadRuleFiles(dir: string): LoadResult {
  const problems: RuleProblem[] = [];
  let files: string[];
  try {
    files = yamlFiles(dir);
  } catch (err) {
    problems.push(new RuleProblem(dir, 1, '', `cannot read the rule folder: ${(err as Error).message}`));
    return { rules: [], problems };
  }
  const lists = loadLists(files.filter((f) => basename(f) === LIST_FILE), problems);
  const rules: LoadedRule[] = [];
  const seen = new Map<string, string>();
  for (const full of files.filter((f) => basename(f) !== LIST_FILE)) {
    const parsed = parseFile(full, problems);
    if (!parsed) continue;
    const rule = loadRule(parsed, lists, problems);
    if (!rule) continue;
    const other = seen.get(rule.header.id);
    if (other) {
      problems.push(new RuleProblem(rule.file, rule.lineOf(['id']), 'id', `"${rule.header.id}" is also the id in ${other}`));
      continue;
    }
    seen.set(rule.header.id, rule.file);
    rules.push(rule);
  }
  if (files.length === 0) problems.push(new RuleProblem(dir, 1, '', 'no rule files (*.yaml) in this folder'));
  return { rules, problems };
}

/** Loads and compiles a rule set, or throws RuleLoadError listing every problem. */
export function loadRulesOrThrow(dir: string): LoadedRule[] {
  const { rules, problems } = loadRuleFiles(dir);
  if (problems.length > 0) throw new RuleLoadError(problems);
  return rules;
}
