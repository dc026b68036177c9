// What the tablet says when pairing did not work: why, in words that tell the person holding it
// what to do next (mend a typo, ask for a new code, wait). Pure, so a test can check every case.
import type { PairingProblem } from '../../session-client/types.ts';
import { translate, type Lang } from '../i18n/strings.ts';

export function pairProblemText(lang: Lang, problem: PairingProblem | null): string {
  if (problem === null) return translate(lang, 'status.refused');
  if (problem.kind === 'mistyped') {
    const typo = problem.typo;
    if (typo?.kind === 'length') return translate(lang, 'pair.problem.length', { got: typo.got, expected: typo.expected });
    if (typo?.kind === 'character') return translate(lang, 'pair.problem.character', { char: typo.char });
    return translate(lang, 'pair.problem.mistyped');
  }
  return translate(lang, `pair.problem.${problem.kind}`);
}
