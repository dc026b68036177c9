// What a tip card shows, derived from a Tip: the behaviour seen and the helpful alternative for a
// flag, what went well for praise. Pure, so the wording logic is tested without a browser.
import { BEHAVIOURS, type Tip } from './contracts.ts';
import { behaviourLabel, type Lang } from '../i18n/strings.ts';

export interface TipView {
  id: string;
  kind: Tip['kind'];
  /** Flag: the behaviour noticed. Praise: the helpful behaviour done. */
  seen: string;
  /** Flag only: the helpful behaviour to do instead. */
  tryInstead: string | null;
  /** The rule's own short Dutch tip text. */
  text: string;
  severity: Tip['severity'];
}

export function tipView(tip: Tip, lang: Lang): TipView {
  const counterpart = tip.kind === 'flag' ? BEHAVIOURS.get(tip.behaviour)?.counterpart : undefined;
  return {
    id: tip.id,
    kind: tip.kind,
    seen: behaviourLabel(lang, tip.behaviour),
    tryInstead: counterpart ? behaviourLabel(lang, counterpart) : null,
    text: tip.tip,
    severity: tip.severity,
  };
}

/** "12:05" from ms since the start of the call. */
export function formatCallTime(ms: number): string {
  const totalS = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(totalS / 60);
  const s = totalS % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function percent(share: number | null): string | null {
  return share === null ? null : `${Math.round(share * 100)}%`;
}
