// The header every rule file shares, whatever its type. The type's own parameters sit beside
// these keys at the top level of the file and are checked by the type's schema
// (main/rules/types/<type>.ts); `examples` is checked by the type's examples schema.
import { z } from 'zod';
import { behaviour, BehaviourId } from '../contracts/behaviours.ts';
import { FindingKind, Severity } from '../contracts/finding.ts';

export const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export const RuleHeader = z.object({
  /** Equal to the file name without `.yaml`, kebab-case, unique in the rule set. */
  id: z.string().regex(RULE_ID, 'must be kebab-case (a-z, 0-9, "-") and equal the file name'),
  behaviour: BehaviourId,
  type: z.string().min(1),
  severity: Severity,
  /**
   * How the live coach paces this rule's tips. Pacing is the coach's alone: the engine reports
   * every occurrence (review, the summary and `rules stats` count them all); the coach does not
   * show this rule's tip again within `cooldownMs` after it showed it (main/coach/cue-policy.ts).
   */
  pacing: z.strictObject({ cooldownMs: z.number().int().nonnegative() }).optional(),
  /**
   * A flag or praise. Default: praise for a helpful behaviour, a flag for an unhelpful one. A flag
   * under a helpful behaviour names what to move towards (speaking fast: rustig_blijven).
   */
  kind: FindingKind.optional(),
  /** Short Dutch tip, imperative, naming the helpful behaviour. */
  tip: z.string().min(5).max(160),
  enabled: z.boolean().default(true),
  description: z.string().optional(),
  /**
   * Behaviours that win over this rule in the same utterance. "Dat kan niet, maar wat wel kan..."
   * is an option offered: nee_verkopen yields to opties_bieden.
   */
  yieldsTo: z.array(BehaviourId).default([]),
});
export type RuleHeader = z.infer<typeof RuleHeader>;

export const HEADER_KEYS: ReadonlySet<string> = new Set(Object.keys(RuleHeader.shape));

/** Whether a rule's findings are flags or praise (see RuleHeader.kind). */
export function findingKind(header: Pick<RuleHeader, 'behaviour' | 'kind'>): FindingKind {
  return header.kind ?? (behaviour(header.behaviour).helpful ? 'praise' : 'flag');
}
