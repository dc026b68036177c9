// "Who is talking" as two plain lights and the agent's talk share: speaking facts, no judgement.
import { translate, type Lang } from '../i18n/strings.ts';
import { percent } from '../../shared/format.ts';

interface Props {
  lang: Lang;
  agent: boolean;
  customer: boolean;
  share: number | null;
  /** The overlay puts the agent's share inside the agent's light to save a line. */
  compact?: boolean;
}

export function TalkLights({ lang, agent, customer, share, compact = false }: Props) {
  const shown = percent(share) ?? translate(lang, 'talk.shareUnknown');
  return (
    <div className="talk" data-testid="talk">
      <span className={`talk__light ${agent ? 'talk__light--on' : ''}`} data-testid="light-agent" data-on={agent}>
        {translate(lang, 'talk.agent')}
        {compact && (
          <span className="talk__share" data-testid="talk-share" title={translate(lang, 'talk.share')}>
            {' '}{percent(share) ?? '–'}
          </span>
        )}
      </span>
      <span className={`talk__light ${customer ? 'talk__light--on' : ''}`} data-testid="light-customer" data-on={customer}>
        {translate(lang, 'talk.customer')}
      </span>
      {!compact && (
        <span className="talk__share" data-testid="talk-share">
          {translate(lang, 'talk.share')}: {shown}
        </span>
      )}
    </div>
  );
}
