// The one tip on screen. Flag: what was noticed, what to try instead, the rule's tip text.
// Praise: what went well. Large on the tablet, compact on the overlay; same structure for both.
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
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  if (size === 'compact') return <CompactTipCard view={view} lang={lang} onAck={onAck} />;
  return (
    <article className={`tip-card tip-card--${size} tip-card--${view.kind}`} data-testid="tip-card" data-tip-id={view.id} aria-live="polite">
      {view.kind === 'flag' ? (
        <>
          <p className="tip-card__seen">
            <span className="tip-card__label">{t('tip.seen')}</span> {view.seen}
          </p>
          {view.tryInstead && (
            <p className="tip-card__try" data-testid="tip-try">
              <span className="tip-card__label">{t('tip.try')}</span> {view.tryInstead}
            </p>
          )}
        </>
      ) : (
        <p className="tip-card__seen">
          <span className="tip-card__label">{t('tip.wentWell')}</span> {view.seen}
        </p>
      )}
      <p className="tip-card__text" data-testid="tip-text">{view.text}</p>
      <button type="button" className="tip-card__ack" onClick={() => onAck(view.id)}>
        {t('tip.ack')}
      </button>
      {onDismiss && (
        <button type="button" className="tip-card__dismiss" onClick={() => onDismiss(view.id)}>
          {t('tip.dismiss')}
        </button>
      )}
    </article>
  );
}

/** The overlay's version: one small line naming the behaviour, then the tip text, then the button. */
function CompactTipCard({ view, lang, onAck }: Omit<Props, 'size'>) {
  return (
    <article className={`tip-card tip-card--compact tip-card--${view.kind}`} data-testid="tip-card" data-tip-id={view.id} aria-live="polite">
      {/* Room for one line only: the helpful behaviour to do; the behaviour seen is the tooltip. */}
      <p className="tip-card__seen" data-testid="tip-seen" title={view.seen}>
        {view.kind === 'flag'
          ? `${translate(lang, 'tip.try')}: ${view.tryInstead ?? view.seen}`
          : `${translate(lang, 'tip.wentWell')}: ${view.seen}`}
      </p>
      <p className="tip-card__text" data-testid="tip-text">{view.text}</p>
      <button type="button" className="tip-card__ack" onClick={() => onAck(view.id)}>
        {translate(lang, 'tip.ack')}
      </button>
    </article>
  );
}
