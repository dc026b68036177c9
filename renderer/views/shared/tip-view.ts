// What a tip card shows, derived from a Tip and the call's clock: the headline (what to do), the
// sentence to say, and one small secondary line with what was noticed and how long ago. Pure, so
// the wording logic is tested without a browser.
import type { Tip } from './contracts.ts';
import { ageText, behaviourLabel, translate, type Lang } from '../i18n/strings.ts';

/** A tip starts to fade this long before its moment has passed (Tip.fadesAtMs). */
export const FADE_LEAD_MS = 5_000;

export interface TipView {
  id: string;
  kind: Tip['kind'];
  /** Large: what to do ("Laat de klant uitpraten"); for praise what went well. */
  headline: string;
  /** The sentence to say, without quotes; null when the tip carries none. */
  say: string | null;
  /** Small: "Gezien: Onderbreken". */
  noticed: string;
  /** Small, beside it: "8 s geleden"; null without a running call. */
  age: string | null;
  severity: Tip['severity'];
  /** The moment is about to pass: the card fades. */
  fading: boolean;
}

/**
 * `callMs` is the call time now (null when no call runs, e.g. a replayed tip after the call):
 * without it the card shows no age. A tip from before headline/say existed shows its tip text.
 */
export function tipView(tip: Tip, lang: Lang, callMs: number | null): TipView {
  const what = behaviourLabel(lang, tip.behaviour);
  return {
    id: tip.id,
    kind: tip.kind,
    headline: tip.headline ?? tip.tip,
    say: tip.say ?? null,
    noticed: translate(lang, tip.kind === 'flag' ? 'tip.seen' : 'tip.wentWell', { what }),
    age: callMs === null ? null : ageText(lang, callMs - tip.atMs),
    severity: tip.severity,
    fading: callMs !== null && tip.fadesAtMs !== undefined && callMs >= tip.fadesAtMs - FADE_LEAD_MS,
  };
}

/** Whether the tip's moment has passed: the view takes it off the screen (the server does too). */
export function hasFaded(tip: Tip, callMs: number | null): boolean {
  return callMs !== null && tip.fadesAtMs !== undefined && callMs >= tip.fadesAtMs;
}
