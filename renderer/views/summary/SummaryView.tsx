// The agent's personal summary right after the call: what went well, one thing to try next
// time, talk share. Used by summary.html and by the tablet once the call has ended.
import { useMemo } from 'react';
import type { CallSummary } from '../shared/contracts.ts';
import { behaviourLabel, translate, type Lang } from '../i18n/strings.ts';
import { formatCallTime, percent } from '../shared/tip-view.ts';
import { summarise } from './summarise.ts';
import { TurnBars } from '../shared/TurnBars.tsx';

export function SummaryView({ summary, lang }: { summary: CallSummary; lang: Lang }) {
  const s = useMemo(() => summarise(summary), [summary]);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  return (
    <section className="summary" data-testid="summary">
      <h1 className="summary__title">{t('summary.title')}</h1>
      <p className="summary__meta">
        {t('summary.duration')}: {formatCallTime(s.durationMs)} · {t('summary.private')}
      </p>

      <h2 className="summary__heading">{t('summary.wentWell')}</h2>
      {s.wentWell.length === 0 ? (
        <p className="summary__none">{t('summary.wentWellNone')}</p>
      ) : (
        <ul className="summary__well" data-testid="went-well">
          {s.wentWell.map((w) => (
            <li key={w.behaviour}>
              {behaviourLabel(lang, w.behaviour)} <span className="summary__count">{t('summary.times', { n: w.count })}</span>
            </li>
          ))}
        </ul>
      )}

      <h2 className="summary__heading">{t('summary.tryNext')}</h2>
      {s.tryNext ? (
        <div className="summary__next" data-testid="try-next">
          <p className="summary__next-what">{behaviourLabel(lang, s.tryNext.tryInstead ?? s.tryNext.seen)}</p>
          <p className="summary__next-tip">{s.tryNext.tip}</p>
        </div>
      ) : (
        <p className="summary__none">{t('summary.tryNextNone')}</p>
      )}

      <h2 className="summary__heading">{t('summary.talkShare')}</h2>
      <TalkShareBar share={s.agentTalkShare} lang={lang} />
      <p className="summary__hint">{t('summary.talkShareHint')}</p>

      {summary.turns && summary.turns.length > 0 && (
        <>
          <h2 className="summary__heading">{t('summary.turns')}</h2>
          <TurnBars turns={summary.turns} durationMs={summary.durationMs} text={{
            agent: t('talk.agent'), customer: t('talk.customer'), overlap: t('turns.overlap'),
            describe: (agent, customer, overlaps) => t('turns.describe', { agent, customer, overlaps }),
          }} />
        </>
      )}
    </section>
  );
}

function TalkShareBar({ share, lang }: { share: number | null; lang: Lang }) {
  if (share === null) return <p className="summary__none">{translate(lang, 'talk.shareUnknown')}</p>;
  return (
    <div className="share" data-testid="summary-share">
      <div className="share__bar" role="img" aria-label={`${translate(lang, 'talk.agent')} ${percent(share)}`}>
        <div className="share__agent" style={{ width: `${share * 100}%` }} />
      </div>
      <div className="share__legend">
        <span>{translate(lang, 'talk.agent')} {percent(share)}</span>
        <span>{translate(lang, 'talk.customer')} {percent(1 - share)}</span>
      </div>
    </div>
  );
}
