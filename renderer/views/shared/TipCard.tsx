// The one tip on screen, read in one glance: the headline (what to do) and the sentence to say are
// large; what was noticed and how long ago is one small line; the buttons are quieter than the
// tip. Large on the tablet, compact on the overlay; same structure for both. As the tip's moment
// passes the card fades (see tip-view.ts).
import type { TipView } from './tip-view.ts';
import { translate, type Lang } from '../i18n/strings.ts';

interface Props {
  view: TipView;
  lang: Lang;
  size: 'compact' | 'large';
  onAck: (tipId: string) => void;
  /** "Niet nu"; only the large card has room for it. */
  onDismiss?: (tipId: string) => void;
}

export function TipCard({ view, lang, size, onAck, onDismiss }: Props) {
  const headlineId = `tip-headline-${size}`;
  const classes = ['tip-card', `tip-card--${size}`, `tip-card--${view.kind}`, view.fading ? 'tip-card--fading' : ''].filter(Boolean).join(' ');
  const ack = (
    <button type="button" className="tip-card__ack" onClick={() => onAck(view.id)}>
      {translate(lang, 'tip.ack')}
    </button>
  );
  return (
    <article
      className={classes} data-testid="tip-card" data-tip-id={view.id} data-fading={view.fading}
      aria-live="polite" aria-labelledby={headlineId}
    >
      <div className="tip-card__top">
        {/* The age never gets cut off; what was noticed may, on the small overlay. */}
        <p className="tip-card__noticed" data-testid="tip-noticed">
          <span className="tip-card__what">{view.noticed}</span>
          {view.age && <span className="tip-card__age" data-testid="tip-age"> · {view.age}</span>}
        </p>
        {/* The overlay has no room below the tip: its one button sits on the small line. */}
        {size === 'compact' && ack}
      </div>
      <h2 className="tip-card__headline" id={headlineId} data-testid="tip-headline">{view.headline}</h2>
      {view.say && (
        <p className="tip-card__say" data-testid="tip-say"><q>{view.say}</q></p>
      )}
      {size === 'large' && (
        <div className="tip-card__actions">
          {ack}
          {onDismiss && (
            <button type="button" className="tip-card__dismiss" onClick={() => onDismiss(view.id)}>
              {translate(lang, 'tip.dismiss')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
