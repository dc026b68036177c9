// The paired tablet/phone: the call state and clock, the current tip large with its age, a short
// history of this call, "Begrepen" and "Niet nu", and the pairing screen when the device is not
// (or no longer) paired.
import { useStore } from 'zustand';
import { useCallback } from 'react';
import type { SessionClient } from '../../session-client/types.ts';
import { clock } from '../../shared/format.ts';
import { translate, behaviourLabel, type StringKey } from '../i18n/strings.ts';
import { TipCard } from '../shared/TipCard.tsx';
import { CallState } from '../shared/CallState.tsx';
import { LangSwitch, useDocumentLang } from '../shared/LangSwitch.tsx';
import { useCallMs, useUnfadedTip } from '../shared/call-clock.ts';
import { tipView } from '../shared/tip-view.ts';
import { SummaryView } from '../summary/SummaryView.tsx';
import { acknowledge, dismiss, setLang, tipFaded, type HistoryEntry, type TabletStore } from './tablet-store.ts';
import { AwaitingApproval, PairingScreen } from './PairingScreen.tsx';

interface Props {
  store: TabletStore;
  client: SessionClient;
}

export function TabletApp({ store, client }: Props) {
  const status = useStore(store, (s) => s.status);
  const lang = useStore(store, (s) => s.lang);
  useDocumentLang(lang);
  // A typed code being sent keeps the form on screen, so a refusal comes back to what was typed.
  const sendingCode = useStore(store, (s) => s.status === 'connecting' && s.pairCode !== '');
  const needsPairing = status === 'idle' || status === 'revoked' || status === 'refused' || sendingCode;
  return (
    <div className="tablet" lang={lang}>
      <header className="tablet__bar">
        <span className="tablet__brand">{translate(lang, 'app.title.tablet')}</span>
        {!needsPairing && status !== 'awaiting-approval' && <TabletCallState store={store} />}
        <LangSwitch lang={lang} onChange={(l) => setLang(store, l)} />
      </header>
      <StatusBanner store={store} />
      {needsPairing ? (
        <PairingScreen store={store} client={client} />
      ) : status === 'awaiting-approval' ? (
        <AwaitingApproval store={store} />
      ) : (
        <CallScreen store={store} client={client} />
      )}
    </div>
  );
}

function TabletCallState({ store }: { store: TabletStore }) {
  const lang = useStore(store, (s) => s.lang);
  const capture = useStore(store, (s) => s.live?.live.capture ?? 'off');
  const callMs = useCallMs(useStore(store, (s) => s.live));
  return <CallState lang={lang} capture={capture} callMs={callMs} />;
}

/** Connection trouble during a call, as a full-width line under the header. */
function StatusBanner({ store }: { store: TabletStore }) {
  const status = useStore(store, (s) => s.status);
  const lang = useStore(store, (s) => s.lang);
  // Connected needs no words; the pairing screens say the rest large themselves.
  if (status !== 'connecting' && status !== 'reconnecting' && status !== 'closed') return null;
  return (
    <p className={`status-banner status--${status}`} data-testid="status" role="status">
      {translate(lang, `status.${status}` as StringKey)}
    </p>
  );
}

function CallScreen({ store, client }: Props) {
  const hasSummary = useStore(store, (s) => s.summary !== null);
  return (
    <main className="tablet__main">
      {/* After the call the summary replaces the live tip and the history (it covers both). */}
      {hasSummary ? <TabletSummary store={store} /> : <><CurrentTip store={store} client={client} /><History store={store} /></>}
    </main>
  );
}

function CurrentTip({ store, client }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const callMs = useCallMs(useStore(store, (s) => s.live));
  const onFaded = useCallback((tipId: string) => tipFaded(store, tipId), [store]);
  const current = useUnfadedTip(useStore(store, (s) => s.current), callMs, onFaded);
  if (!current) {
    // Without a call there is nothing to listen to yet; say when tips will come instead.
    return <p className="tablet__none" data-testid="no-tip">{translate(lang, callMs === null ? 'tip.noCall' : 'tip.none')}</p>;
  }
  return (
    <TipCard
      view={tipView(current, lang, callMs)}
      lang={lang}
      size="large"
      onAck={(id) => acknowledge(store, client, id)}
      onDismiss={(id) => dismiss(store, client, id)}
    />
  );
}

function TabletSummary({ store }: { store: TabletStore }) {
  const summary = useStore(store, (s) => s.summary);
  const lang = useStore(store, (s) => s.lang);
  return summary ? <SummaryView summary={summary} lang={lang} /> : null;
}

function History({ store }: { store: TabletStore }) {
  const history = useStore(store, (s) => s.history);
  const lang = useStore(store, (s) => s.lang);
  return (
    <section className="history" aria-label={translate(lang, 'history.title')}>
      <h2 className="history__title">{translate(lang, 'history.title')}</h2>
      {history.length === 0 ? (
        <p className="history__empty">{translate(lang, 'history.empty')}</p>
      ) : (
        <ol className="history__list" data-testid="history">
          {history.map(({ tip, outcome }) => (
            <li key={tip.id} className={`history__item history__item--${tip.kind}`} data-tip-id={tip.id}>
              <span className="history__time">{clock(tip.atMs)}</span>
              <span className="history__what">{tip.headline ?? behaviourLabel(lang, tip.behaviour)}</span>
              <HistoryOutcome lang={lang} outcome={outcome} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "✓ begrepen" or "niet nu"; a tip that expired or was replaced says nothing. */
function HistoryOutcome({ lang, outcome }: { lang: Parameters<typeof translate>[0]; outcome: HistoryEntry['outcome'] }) {
  if (outcome === 'ack') return <span className="history__outcome">✓ {translate(lang, 'history.acked')}</span>;
  if (outcome === 'dismiss') return <span className="history__outcome">{translate(lang, 'history.dismissed')}</span>;
  return null;
}
