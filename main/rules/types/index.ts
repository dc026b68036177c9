// The closed set of rule types. Rules are data (rules/<lang>/<category>/<id>.yaml); a rule
// type is code, reviewed like code. A rule file names its type with `type:`; a name that is not
// in this table is a load error.
//
// How to add a type (e.g. the timing types overlap, response-gap, monologue, talk-share):
//  1. Write main/rules/types/<name>.ts exporting `defineTextType({...})` (kind 'text': fed one
//     agent utterance at a time) or `defineTimingType({...})` (kind 'timing': fed turn events by
//     the audio stage; its compiled runtime is yours to shape, the loader keeps it opaque).
//     Give it a zod `params` schema (strict object of the type's own top-level keys), an
//     `examples` schema, `compile` (runs once at load; throw RuleFieldError(path, msg) for a bad
//     field so the user sees `file:line: field: problem`), and `checkExamples` (used by
//     `klachtcoach rules check`; return failures with the example's path).
//  2. Add one line to RULE_TYPES below.
//  3. Put test/rules/types/<name>.test.ts next to the others, and rule files anywhere under
//     rules/nl/ (timing rules in rules/nl/timing/). RuleSet.timingRules hands you the compiled
//     runtimes of kind 'timing' by type name.
import type { RegisteredRuleType } from './rule-type.ts';
import { phrase } from './phrase.ts';
import { overlap } from './overlap.ts';
import { responseGap } from './response-gap.ts';
import { monologue } from './monologue.ts';
import { talkShare } from './talk-share.ts';

export const RULE_TYPES: ReadonlyMap<string, RegisteredRuleType> = new Map(
  [phrase, overlap, responseGap, monologue, talkShare].map((t) => [t.name, t]),
);
