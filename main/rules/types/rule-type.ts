// What a rule type is: a schema for its parameters, a schema for its examples, a compile step
// run once when the rule set loads, and an example runner used by `klachtcoach rules check`.
// Text types turn one agent utterance into at most one match; timing types compile to a factory
// of detectors that the audio stage feeds turn events (main/turns/timing-detector.ts).
import type { z } from 'zod';
import type { RuleHeader } from '../schema.ts';
import type { Tokens } from '../normalise.ts';
import type { ListLookup } from '../pattern.ts';
import { readableIssues } from '../zod-issues.ts';
import { TimingExamples } from '../../turns/timed-fixture.ts';
import { checkTimingExamples } from '../../turns/example-check.ts';
import type { TimingDetector, TimingRuleRuntime } from '../../turns/timing-detector.ts';

/** Where in the rule file a problem is: the YAML path of the field, e.g. ['patterns', 2]. */
export type FieldPath = readonly (string | number)[];

/** A compile problem tied to a field, so the loader can print `file:line: field: problem`. */
export class RuleFieldError extends Error {
  constructor(readonly path: FieldPath, message: string) {
    super(message);
  }
}

/** A failed example, tied to the example's place in the file. */
export interface ExampleFailure {
  path: FieldPath;
  message: string;
}

export interface CompileEnv {
  lists: ListLookup;
}

/** An earlier agent utterance of the same call, as the engine remembers it. */
export interface PriorUtterance {
  startMs: number;
  endMs: number;
  /** Ids of the text rules whose words matched it (before cooldowns and repeat conditions). */
  matched: ReadonlySet<string>;
}

export interface TextMatch {
  /** Token range in the utterance's tokens. */
  start: number;
  end: number;
}

/** A rule's words in an utterance, or the words its exceptions ruled out (a veto for the scorer). */
export interface RuleVerdict {
  match: TextMatch | null;
  /** Set only when no match survived: the first match an exception (`unless`) ruled out. */
  vetoed: TextMatch | null;
}

/** The compiled form of a text rule: cheap to call for every utterance. */
export interface TextRuleRuntime {
  /** The rule's words in this utterance, or null. Never looks at other utterances. */
  match(tokens: Tokens): TextMatch | null;
  /**
   * Like `match`, and says when the pattern did match but an exception vetoed it. With `open`,
   * only the alternatives k with `open[first + k] === 1` are tried (see `alternativeGates`).
   */
  examine?(tokens: Tokens, open?: Uint8Array, first?: number): RuleVerdict;
  /** The literal words the rule looks for, so the engine can fix recogniser near-misses. */
  vocabulary?: ReadonlySet<string>;
  /**
   * Per alternative the rule tries (a phrase rule's patterns, in `examine`'s order), the words of
   * which any match of it needs at least one; null: no such words. Lets the engine skip, with one
   * lookup per word of the utterance, every rule and every alternative that cannot match it.
   * Absent: the rule is tried on every utterance.
   */
  alternativeGates?: readonly (ReadonlySet<string> | null)[];
  /** Optional condition on the call so far (e.g. "agreed unconditionally before"). */
  confirm?(prior: readonly PriorUtterance[]): boolean;
}

interface RuleTypeBase<Params, Examples> {
  name: string;
  /** Checks the type's own top-level keys (everything but the header and `examples`). */
  params: z.ZodType<Params>;
  examples: z.ZodType<Examples>;
}

export interface TextRuleType<Params = unknown, Examples = unknown> extends RuleTypeBase<Params, Examples> {
  kind: 'text';
  compile(header: RuleHeader, params: Params, env: CompileEnv): TextRuleRuntime;
  /** Runs the examples against the compiled rule alone; returns what went wrong. */
  checkExamples(runtime: TextRuleRuntime, examples: Examples): ExampleFailure[];
}

/**
 * A timing type: its parameters compile to a detector factory (one fresh detector per call).
 * Every timing type shares one examples format (timed fixtures) and one example runner.
 */
export interface TimingRuleType<Params = unknown> {
  name: string;
  params: z.ZodType<Params>;
  /**
   * Whether the type judges the customer's speech. Required, so a new type must say it: on a
   * mono call (agent only) the engine skips every type that needs the customer, rather than let
   * it read the customer's silence as a fact.
   */
  needsCustomer: boolean;
  compile(header: RuleHeader, params: Params, env: CompileEnv): () => TimingDetector;
}

/** A problem found while building a rule from its file. */
export interface FieldIssue {
  path: FieldPath;
  message: string;
}

export type BuiltRule =
  | { kind: 'text'; runtime: TextRuleRuntime; checkExamples: () => ExampleFailure[] }
  | { kind: 'timing'; typeName: string; runtime: TimingRuleRuntime; checkExamples: () => ExampleFailure[] };

/**
 * A type as the registry holds it, with its generic parameters erased: the loader hands it raw
 * YAML values and gets back a compiled rule or the problems, each tied to a field.
 */
export interface RegisteredRuleType {
  name: string;
  kind: 'text' | 'timing';
  build(header: RuleHeader, rawParams: unknown, rawExamples: unknown, env: CompileEnv): BuiltRule | FieldIssue[];
}

/**
 * The steps every type shares: check the parameters and the examples against the type's schemas
 * (all problems at once), then compile once; a RuleFieldError from compile becomes a field issue.
 */
function parseAndCompile<P, E, R>(
  t: RuleTypeBase<P, E>, compile: (params: P) => R, rawParams: unknown, rawExamples: unknown,
): { runtime: R; examples: E } | FieldIssue[] {
  const p = t.params.safeParse(rawParams);
  const e = t.examples.safeParse(rawExamples);
  const issues = [
    ...(p.success ? [] : readableIssues(p.error, rawParams)),
    ...(e.success ? [] : readableIssues(e.error, rawExamples, ['examples'])),
  ];
  if (issues.length > 0 || !p.success || !e.success) return issues;
  try {
    return { runtime: compile(p.data), examples: e.data };
  } catch (err) {
    if (err instanceof RuleFieldError) return [{ path: err.path, message: err.message }];
    throw err;
  }
}

export function defineTextType<P, E>(t: TextRuleType<P, E>): RegisteredRuleType {
  return {
    name: t.name,
    kind: 'text',
    build(header, rawParams, rawExamples, env) {
      const built = parseAndCompile(t, (params) => t.compile(header, params, env), rawParams, rawExamples);
      if (Array.isArray(built)) return built;
      const { runtime, examples } = built;
      return { kind: 'text', runtime, checkExamples: () => t.checkExamples(runtime, examples) };
    },
  };
}

export function defineTimingType<P>(t: TimingRuleType<P>): RegisteredRuleType {
  const withExamples = { ...t, examples: TimingExamples };
  return {
    name: t.name,
    kind: 'timing',
    build(header, rawParams, rawExamples, env) {
      const built = parseAndCompile(withExamples, (params): TimingRuleRuntime => ({
        header, needsCustomer: t.needsCustomer, createDetector: t.compile(header, params, env),
      }), rawParams, rawExamples);
      if (Array.isArray(built)) return built;
      const { runtime, examples } = built;
      return { kind: 'timing', typeName: t.name, runtime, checkExamples: () => checkTimingExamples(runtime, examples) };
    },
  };
}
