// The always-on-top overlay: capture indicator, pause, who is talking, talk share, and the one
// current tip as a compact card. Built to be read in a second from the corner of the eye.
import { useStore } from 'zustand';
import type { SessionClient } from '../../session-client/types.ts';
import { translate, type StringKey } from '../i18n/strings.ts';
import { TipCard } from '../shared/TipCard.tsx';
import { TalkLights } from '../shared/TalkLights.tsx';
import { tipView } from '../shared/tip-view.ts';
import type { CoachBridge } from '../../../main/contracts/ipc.ts';
import { acknowledge, captureShown, toggleCapture, type OverlayStore } from './overlay-store.ts';
import { PairingRequest } from './PairingRequest.tsx';

interface Props {
  store: OverlayStore;
  client: SessionClient;
  /** The desktop app's bridge; absent in a plain browser. */
  coach?: CoachBridge;
}

export function OverlayApp({ store, client, coach }: Props) {
  const lang = useStore(store, (s) => s.lang);
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

function CaptureControl({ store, client, coach }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const capture = useStore(store, captureShown);
  const status = useStore(store, (s) => s.status);
  const label = translate(lang, `capture.${capture}` as StringKey);
  return (
    <>
      <span className={`capture capture--${capture}`} data-testid="capture-indicator" data-capture={capture}>
        <span className="capture__dot" aria-hidden="true" />
        {label}
      </span>
      {status !== 'connected' && status !== 'idle' && (
        <span className={`status status--${status}`} data-testid="status">{translate(lang, `status.${status}` as StringKey)}</span>
      )}
      <button
        type="button"
        className="overlay__pause"
        data-testid="pause"
        disabled={capture === 'off'}
        onClick={() => toggleCapture(store, client, coach)}
      >
        {translate(lang, capture === 'on' ? 'capture.pause' : 'capture.resume')}
      </button>
    </>
  );
}

function Lights({ store }: { store: OverlayStore }) {
  const lang = useStore(store, (s) => s.lang);
  // While paused nothing is measured, so the lights would only show stale facts.
  const paused = useStore(store, (s) => captureShown(s) === 'paused');
  const agent = useStore(store, (s) => s.live?.speaking.agent ?? false);
  const customer = useStore(store, (s) => s.live?.speaking.customer ?? false);
  const share = useStore(store, (s) => s.live?.agentTalkShare ?? null);
  if (paused) return null;
  return <TalkLights lang={lang} agent={agent} customer={customer} share={share} compact />;
}

function OverlayTip({ store, client }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const current = useStore(store, (s) => s.current);
  if (!current) return <p className="overlay__none" data-testid="no-tip">{translate(lang, 'tip.none')}</p>;
  return <TipCard view={tipView(current, lang)} lang={lang} size="compact" onAck={(id) => acknowledge(store, client, id)} />;
}
