// The call state as one short line: "In gesprek 3:12", "Gepauzeerd 3:12" or "Geen gesprek", with
// the capture light (red: the microphone is listening). On the overlay and the tablet alike.
import { clock } from '../../shared/format.ts';
import { translate, type Lang } from '../i18n/strings.ts';
import type { LiveState } from './contracts.ts';

interface Props {
  lang: Lang;
  capture: LiveState['capture'];
  /** Call time now; null when no call runs. */
  callMs: number | null;
}

export function CallState({ lang, capture, callMs }: Props) {
  const state = callMs === null || capture === 'off' ? 'off' : capture;
  const text = state === 'off'
    ? translate(lang, 'call.none')
    : translate(lang, state === 'on' ? 'call.active' : 'call.paused', { time: clock(callMs ?? 0) });
  return (
    <span className={`capture capture--${state}`} data-testid="capture-indicator" data-capture={state}>
      <span className="capture__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
