// `phrase`: the agent's words reveal the behaviour. A rule lists token patterns (any of them
// fires), exceptions next to them (`unless`: a pattern anywhere in the utterance, or just before
// or after the match, e.g. "dat kan niet" followed by "maar wat wel kan"), optional words that
// must also be present (`alsoNeeds`), and an optional `repeat` condition on the call so far
// (one "u heeft gelijk" is fine; agreeing unconditionally again and again is altijd_meegaand).
import { z } from 'zod';
import { tokenise, type Tokens } from '../normalise.ts';
import { compilePattern, PatternError, type CompiledPattern, type ListLookup } from '../pattern.ts';
import {
  defineTextType, RuleFieldError, type ExampleFailure, type FieldPath, type PriorUtterance,
  type RuleVerdict, type TextMatch, type TextRuleRuntime,
} from './rule-type.ts';

const Unless = z.union([
  z.string().min(1),
  z.strictObject({
    pattern: z.string().min(1),
    /** utterance: anywhere; before/after: within `withinWords` words of the match. */
    where: z.enum(['utterance', 'before', 'after']).default('utterance'),
    withinWords: z.number().int().min(1).max(30).optional(),
  }),
]);

export const PhraseParams = z.strictObject({
  patterns: z.array(z.string().min(1)).min(1),
  unless: z.array(Unless).default([]),
  alsoNeeds: z.array(z.string().min(1)).default([]),
  repeat: z.strictObject({
    /** How many utterances (this one included) must match... */
    times: z.number().int().min(2).max(10),
    /** ...among this one and the agent's last `withinUtterances` before it. */
    withinUtterances: z.number().int().min(1).max(50),
  }).optional(),
});
export type PhraseParams = z.infer<typeof PhraseParams>;

const ExampleLine = z.union([
  z.string().min(1),
  z.strictObject({ earlier: z.array(z.string().min(1)).min(1), text: z.string().min(1) }),
]);
export const PhraseExamples = z.strictObject({
  /** Utterances that must fire, the triggering words marked with [brackets]. */
  fire: z.array(ExampleLine).min(1),
  /** Utterances that must not fire. */
  pass: z.array(ExampleLine).min(1),
});
export type PhraseExamples = z.infer<typeof PhraseExamples>;

const DEFAULT_WINDOW = { before: 6, after: 10 } as const;

const NO_MATCH: RuleVerdict = { match: null, vetoed: null };

interface CompiledException {
  pattern: CompiledPattern;
  where: 'utterance' | 'before' | 'after';
  within: number;
}

/** Compiles one pattern of a rule file; a bad one is a problem at its field. */
export function compileAt(src: string, path: FieldPath, lists: ListLookup): CompiledPattern {
  try {
    return compilePattern(src, lists);
  } catch (err) {
    if (err instanceof PatternError) throw new RuleFieldError(path, `pattern "${src}": ${err.message}`);
    throw err;
  }
}

function excepted(tokens: Tokens, m: TextMatch, exceptions: readonly CompiledException[]): boolean {
  for (const ex of exceptions) {
    if (ex.where === 'utterance') {
      if (ex.pattern.find(tokens) !== null) return true;
    } else if (ex.where === 'after') {
      if (ex.pattern.find(tokens, m.end, Math.min(tokens.length, m.end + ex.within)) !== null) return true;
    } else {
      const from = Math.max(0, m.start - ex.within);
      const hit = ex.pattern.find(tokens, from, m.start);
      if (hit !== null && hit.end <= m.start) return true;
    }
  }
  return false;
}

export class PhraseRuntime implements TextRuleRuntime {
  readonly vocabulary: ReadonlySet<string>;
  readonly alternativeGates: readonly (ReadonlySet<string> | null)[];

  constructor(
    readonly id: string,
    private readonly patterns: readonly CompiledPattern[],
    private readonly exceptions: readonly CompiledException[],
    private readonly needs: readonly CompiledPattern[],
    private readonly repeat: PhraseParams['repeat'],
  ) {
    this.vocabulary = new Set([...patterns, ...needs].flatMap((p) => [...p.vocabulary]));
    // A match needs a match of one of the patterns, and so one word of that pattern's gate.
    this.alternativeGates = patterns.map((p) => p.gate);
  }

  match(tokens: Tokens): TextMatch | null {
    return this.examine(tokens).match;
  }

  examine(tokens: Tokens, open?: Uint8Array, first = 0): RuleVerdict {
    // The leftmost match of any pattern, so the reported words are the first that gave it away.
    let best: TextMatch | null = null;
    let vetoed: TextMatch | null = null;
    for (let k = 0; k < this.patterns.length; k++) {
      if (open !== undefined && open[first + k] !== 1) continue;
      const pattern = this.patterns[k]!;
      let from = 0;
      const until = best === null ? tokens.length : best.start;
      // A match ruled out by a nearby exception may be followed by a later one that is not.
      while (from < until) {
        const m = pattern.find(tokens, from, until);
        if (m === null) break;
        if (!excepted(tokens, m, this.exceptions)) {
          best = m;
          break;
        }
        vetoed ??= m;
        from = m.start + 1;
      }
    }
    // What else the utterance must have is looked for only once a pattern matched: most
    // utterances match none, and then the search would be wasted.
    if (best === null && vetoed === null) return NO_MATCH;
    if (this.needs.some((n) => n.find(tokens) === null)) return NO_MATCH;
    return best !== null ? { match: best, vetoed: null } : { match: null, vetoed };
  }

  confirm(prior: readonly PriorUtterance[]): boolean {
    if (!this.repeat) return true;
    const recent = prior.slice(-this.repeat.withinUtterances);
    const earlier = recent.filter((p) => p.matched.has(this.id)).length;
    return earlier + 1 >= this.repeat.times;
  }
}

export const phrase = defineTextType<PhraseParams, PhraseExamples>({
  name: 'phrase',
  kind: 'text',
  params: PhraseParams,
  examples: PhraseExamples,
  compile(header, params, env) {
    const patterns = params.patterns.map((src, i) => compileAt(src, ['patterns', i], env.lists));
    const exceptions = params.unless.map((u, i): CompiledException => {
      const spec = typeof u === 'string' ? { pattern: u, where: 'utterance' as const, withinWords: undefined } : u;
      const path = typeof u === 'string' ? ['unless', i] : ['unless', i, 'pattern'];
      const within = spec.withinWords ?? (spec.where === 'before' ? DEFAULT_WINDOW.before : DEFAULT_WINDOW.after);
      return { pattern: compileAt(spec.pattern, path, env.lists), where: spec.where, within };
    });
    const needs = params.alsoNeeds.map((src, i) => compileAt(src, ['alsoNeeds', i], env.lists));
    return new PhraseRuntime(header.id, patterns, exceptions, needs, params.repeat);
  },
  checkExamples(runtime, examples) {
    const failures: ExampleFailure[] = [];
    examples.fire.forEach((ex, i) => {
      const path = ['examples', 'fire', i];
      const line = typeof ex === 'string' ? { earlier: [], text: ex } : ex;
      const marked = parseMarker(line.text);
      if (!marked) {
        failures.push({ path, message: 'mark the triggering words with [brackets], exactly once' });
        return;
      }
      const got = runExample(runtime, line.earlier, marked.text);
      if (!got) {
        failures.push({ path, message: `does not fire on "${marked.text}"` });
      } else if (got.startChar !== marked.startChar || got.endChar !== marked.endChar) {
        const said = marked.text.slice(got.startChar, got.endChar);
        failures.push({ path, message: `fires on "${said}", but the example marks "${marked.text.slice(marked.startChar, marked.endChar)}"` });
      }
    });
    examples.pass.forEach((ex, i) => {
      const line = typeof ex === 'string' ? { earlier: [], text: ex } : ex;
      const got = runExample(runtime, line.earlier, line.text);
      if (got) failures.push({ path: ['examples', 'pass', i], message: `must not fire, but fires on "${line.text.slice(got.startChar, got.endChar)}"` });
    });
    return failures;
  },
});

/** Strips one [marked] stretch from an example; null when there is not exactly one. */
export function parseMarker(text: string): { text: string; startChar: number; endChar: number } | null {
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  if (open < 0 || close < open || text.indexOf('[', open + 1) >= 0 || text.indexOf(']', close + 1) >= 0) return null;
  const clean = text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1);
  return { text: clean, startChar: open, endChar: close - 1 };
}

function runExample(runtime: TextRuleRuntime, earlier: readonly string[], text: string): { startChar: number; endChar: number } | null {
  const prior: PriorUtterance[] = earlier.map((e, i) => ({
    startMs: i * 1000, endMs: i * 1000 + 900,
    matched: runtime.match(tokenise(e)) ? new Set([(runtime as PhraseRuntime).id]) : new Set<string>(),
  }));
  const tokens = tokenise(text);
  const m = runtime.match(tokens);
  if (!m || (runtime.confirm && !runtime.confirm(prior))) return null;
  return { startChar: tokens[m.start]!.startChar, endChar: tokens[m.end - 1]!.endChar };
}
