// The closed set of rule types. Rules are data (rules/<lang>/<category>/<id>.yaml); a rule
// type is code, reviewed like code. A rule file names its type with `type:`; a name that is not
// in this table is a load error.
//
// How to add a type:
//  1. Write main/rules/types/<name>.ts exporting `defineTextType({...})` (kind 'text': fed one
//     agent utterance at a time) or `defineTimingType({...})` (kind 'timing': fed turn events and
//     the agent's utterances by the call timeline, main/turns/timing-detector.ts).
//     Give it a zod `params` schema (strict object of the type's own top-level keys) and `compile`
//     (runs once at load; throw RuleFieldError(path, msg) for a bad field so the user sees
//     `file:line: field: problem`). A text type also gives an `examples` schema and
//     `checkExamples` (used by `klachtcoach rules check`); a timing type uses the shared timed
//     fixtures (main/turns/timed-fixture.ts), returns a detector factory from `compile`, and must
//     say whether it `needsCustomer` (it is then skipped on mono calls).
//  2. Add one line to RULE_TYPES below.
//  3. Put test/rules/types/<name>.test.ts next to the others, and rule files anywhere under
//     rules/nl/ (timing rules in rules/nl/timing/). RuleEngine.timingRules hands the compiled
//     runtimes of kind 'timing' to the call timeline.
import type { RegisteredRuleType } from './rule-type.ts';
import { phrase } from './phrase.ts';
import { overlap } from './overlap.ts';
import { responseGap } from './response-gap.ts';
import { monologue } from './monologue.ts';
import { talkShare } from './talk-share.ts';
import { pace } from './pace.ts';
import { deadAir } from './dead-air.ts';

export const RULE_TYPES: ReadonlyMap<string, RegisteredRuleType> = new Map(
  [phrase, overlap, responseGap, monologue, talkShare, pace, deadAir].map((t) => [t.name, t]),
);
