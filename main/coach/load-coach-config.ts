// Reads rules/coach.yaml. A broken file stops loading with `file:line: field: problem` (never a
// silent fallback to defaults), so a trainer's typo cannot quietly change how often tips appear.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { CoachConfig } from './coach-config.ts';
import { projectPath } from '../project-root.ts';

export const DEFAULT_COACH_CONFIG_PATH = projectPath('rules', 'coach.yaml');

export class CoachConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CoachConfigError';
  }
}

/** Parses and validates the text of a coach config file; `file` is only used in messages. */
export function parseCoachConfig(text: string, file: string): CoachConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new CoachConfigError(
      doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line}: yaml: ${e.message.split('\n')[0]}`),
    );
  }
  const result = CoachConfig.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    // Point at the offending key itself when the issue names extra keys, else at the value.
    const path = issue.path.map(String);
    const extraKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const field = [...path, ...(extraKey ? [extraKey] : [])].join('.') || '(top level)';
    const line = lineOf(doc, lines, path, extraKey);
    return `${file}:${line}: ${field}: ${issue.message}`;
  });
  throw new CoachConfigError(problems);
}

export function loadCoachConfig(path: string | URL = DEFAULT_COACH_CONFIG_PATH): CoachConfig {
  const file = path instanceof URL ? decodeURIComponent(path.pathname) : path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CoachConfigError([`${file}: cannot read coach config: ${(err as Error).message}`]);
  }
  return parseCoachConfig(text, file);
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
  path: string[],
  extraKey: string | undefined,
): number {
  // Walk up the path until a node exists (a missing key has no node; its parent does).
  for (let depth = path.length; depth >= 0; depth--) {
    const at = path.slice(0, depth);
    const node = at.length === 0 ? doc.contents : doc.getIn(at, true);
    if (!isNode(node) || !node.range) continue;
    let offset = node.range[0];
    if (extraKey !== undefined && depth === path.length) {
      const pair = findPair(node, extraKey);
      if (pair !== undefined) offset = pair;
    }
    return lines.linePos(offset).line;
  }
  return 1;
}

function findPair(node: unknown, key: string): number | undefined {
  const items = (node as { items?: { key?: unknown }[] }).items ?? [];
  for (const item of items) {
    const k = item.key;
    if (isNode(k) && (k as { value?: unknown }).value === key && k.range) return k.range[0];
  }
  return undefined;
}
