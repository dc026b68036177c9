// Fusion of the phrase rules and the learned scorer: the one place that decides whether a
// behaviour becomes a text finding. For each behaviour, with p its calibrated confidence:
//
//   - a pattern hit (a rule of the behaviour matched, and no `unless` exception, repeat
//     condition or stronger rule ruled it out) is a finding when p >= tPattern;
//   - without a pattern hit, a finding needs p >= tModel (tModel >= tPattern);
//   - a rule of the behaviour whose pattern matched but that was ruled out (by its `unless`
//     exceptions, its repeat condition on the call, or a behaviour it yields to) is a hard veto:
//     the model alone cannot bring the behaviour back. A hit of ANOTHER rule of the same
//     behaviour still counts: its own exceptions did not object;
//   - the model alone never decides on fewer than MIN_WORDS_FOR_MODEL words (fillers not
//     counted): the corpus has almost no such lines, so on "eh", "ja" or an empty recogniser
//     result its score is a guess from the bias, and live those fragments are common;
//   - without a model (no file, or a behaviour the model does not know) the rules decide alone.
//
// `origin` says which side carried it: 'pattern' (a hit with tPattern <= p < tModel),
// 'model' (no hit, p >= tModel) or 'both' (a hit, and p >= tModel: either alone would have).
//
// Thresholds come per behaviour from the model file, chosen for all behaviours together on
// 5-fold cross-validation at training (main/scorer/thresholds.ts uses `fuse` itself, so
// training and run time agree).

import type { FindingOrigin } from '../contracts/finding.ts';
import type { Tokens } from '../rules/normalise.ts';

export type { FindingOrigin };

export interface FusionThresholds {
  tPattern: number;
  tModel: number;
}

export interface BehaviourEvidence {
  /** A rule of the behaviour matched and nothing ruled it out. */
  hit: boolean;
  /** A rule of the behaviour matched but was ruled out (only meaningful without a hit). */
  vetoed: boolean;
  /** Calibrated confidence; undefined when no model scores this behaviour. */
  p: number | undefined;
  /** Words in the utterance, fillers not counted; omitted, the length is not checked. */
  words?: number;
}

export const MIN_WORDS_FOR_MODEL = 3;

/** The words an utterance has for fusion's length check: fillers ("eh", "nou") do not count. */
export const wordCount = (tokens: Tokens): number => tokens.filter((t) => !t.filler).length;

/** Too short for the model alone to decide (see above); an unknown length is not checked. */
export const tooShortForModel = (words: number | undefined): boolean => words !== undefined && words < MIN_WORDS_FOR_MODEL;

/** A threshold of 1 means "never": training sets it where the model alone may not decide. */
const reaches = (p: number, threshold: number): boolean => threshold < 1 && p >= threshold;

export function fuse(e: BehaviourEvidence, t: FusionThresholds): FindingOrigin | null {
  if (e.p === undefined) return e.hit ? 'pattern' : null;
  if (e.hit) {
    if (!reaches(e.p, t.tPattern)) return null;
    return reaches(e.p, t.tModel) ? 'both' : 'pattern';
  }
  if (e.vetoed) return null;
  if (tooShortForModel(e.words)) return null;
  return reaches(e.p, t.tModel) ? 'model' : null;
}
