// The always-on-top overlay: the call state and clock with the capture light, pause, who is
// talking, talk share, and the one current tip as a compact card with its age. Built to be read
// in a second from the corner of the eye.
import { useStore } from 'zustand';
import { useCallback } from 'react';
import type { SessionClient } from '../../session-client/types.ts';
import { translate, type StringKey } from '../i18n/strings.ts';
import { TipCard } from '../shared/TipCard.tsx';
import { useDocumentLang } from '../shared/LangSwitch.tsx';
import { TalkLights } from '../shared/TalkLights.tsx';
import { CallState } from '../shared/CallState.tsx';
import { useCallMs as useClock, useUnfadedTip } from '../shared/call-clock.ts';
import { tipView } from '../shared/tip-view.ts';
import type { CoachBridge } from '../../../main/contracts/ipc.ts';
import { acknowledge, captureShown, tipFaded, toggleCapture, type OverlayStore } from './overlay-store.ts';
import { PairingRequest } from './PairingRequest.tsx';

interface Props {
  store: OverlayStore;
  client: SessionClient;
  /** The desktop app's bridge; absent in a plain browser. */
  coach?: CoachBridge;
}

export function OverlayApp({ store, client, coach }: Props) {
  const lang = useStore(store, (s) => s.lang);
  useDocumentLang(lang);
  return (
    <div className="overlay" lang={lang}>
      <div className="overlay__bar">
        <CaptureControl store={store} client={client} {...(coach ? { coach } : {})} />
        <Lights store={store} />
      </div>
      <PairingRequest store={store} client={client} />
      <OverlayTip store={store} client={client} />
    </div>
  );
}

/** The call's clock, counted on between the server's live states. */
function useCallMs(store: OverlayStore): number | null {
  const live = useStore(store, (s) => s.live);
  const receivedAtMs = useStore(store, (s) => s.liveReceivedAtMs);
  return useClock(live ? { live, receivedAtMs } : null);
}

function CaptureControl({ store, client, coach }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const capture = useStore(store, captureShown);
  const status = useStore(store, (s) => s.status);
  const callMs = useCallMs(store);
  return (
    <>
      <CallState lang={lang} capture={capture} callMs={callMs} />
      {status !== 'connected' && status !== 'idle' && (
        <span className={`status status--${status}`} data-testid="status">{translate(lang, `status.${status}` as StringKey)}</span>
      )}
      {/* Nothing to pause or resume while no call runs. */}
      {capture !== 'off' && (
        <button type="button" className="overlay__pause" data-testid="pause" onClick={() => toggleCapture(store, client, coach)}>
          {translate(lang, capture === 'on' ? 'capture.pause' : 'capture.resume')}
        </button>
      )}
    </>
  );
}

function Lights({ store }: { store: OverlayStore }) {
  const lang = useStore(store, (s) => s.lang);
  // While paused or between calls nothing is measured, so the lights would only show stale facts.
  const paused = useStore(store, (s) => captureShown(s) !== 'on');
  const agent = useStore(store, (s) => s.live?.speaking.agent ?? false);
  const customer = useStore(store, (s) => s.live?.speaking.customer ?? false);
  const share = useStore(store, (s) => s.live?.agentTalkShare ?? null);
  if (paused) return null;
  return <TalkLights lang={lang} agent={agent} customer={customer} share={share} compact />;
}

function OverlayTip({ store, client }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const callMs = useCallMs(store);
  const onFaded = useCallback((tipId: string) => tipFaded(store, tipId), [store]);
  const current = useUnfadedTip(useStore(store, (s) => s.current), callMs, onFaded);
  if (!current) {
    return <p className="overlay__none" data-testid="no-tip">{translate(lang, callMs === null ? 'tip.noCall' : 'tip.none')}</p>;
  }
  return <TipCard view={tipView(current, lang, callMs)} lang={lang} size="compact" onAck={(id) => acknowledge(store, client, id)} />;
}
