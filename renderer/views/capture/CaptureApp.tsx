// The capture page: pick the agent's microphone and the customer's audio source, start, and see
// that audio flows (level and chunk counters). The Electron app reuses the same capture graph.
import { useStore } from 'zustand';
import { translate, type StringKey } from '../i18n/strings.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import type { AudioChannel } from '../shared/contracts.ts';
import type { CaptureStore } from './capture-store.ts';
import type { CaptureController } from './capture-controller.ts';

interface Props {
  store: CaptureStore;
  controller: CaptureController;
}

export function CaptureApp({ store, controller }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const phase = useStore(store, (s) => s.phase);
  const error = useStore(store, (s) => s.error);
  const t = (key: StringKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const busy = phase !== 'idle';
  const capture = phase === 'running' ? 'on' : phase === 'paused' ? 'paused' : 'off';
  return (
    <div className="capture-page" lang={lang}>
      <header className="tablet__bar">
        <span className="tablet__brand">{t('app.title.capture')}</span>
        <span className={`capture capture--${capture}`} data-testid="capture-indicator" data-capture={capture}>
          <span className="capture__dot" aria-hidden="true" />
          {t(`capture.${capture}` as StringKey)}
        </span>
        <LangSwitch lang={lang} onChange={(l) => store.setState({ lang: l })} />
      </header>
      <main className="capture-page__main">
        <DevicePicker store={store} which="agent" disabled={busy} />
        <DevicePicker store={store} which="customer" disabled={busy} />
        <p className="capture-page__note">{t('capture.customerNote')}</p>
        <button
          type="button"
          className="capture-page__start"
          data-testid="capture-toggle"
          disabled={phase === 'starting'}
          onClick={() => void (busy ? controller.stop() : controller.start())}
        >
          {t(busy ? 'capture.stop' : 'capture.start')}
        </button>
        {error && <p className="capture-page__error" role="alert">{t('capture.error', { detail: error })}</p>}
        <Meter store={store} channel="agent" />
        <Meter store={store} channel="customer" />
      </main>
    </div>
  );
}

function DevicePicker({ store, which, disabled }: { store: CaptureStore; which: AudioChannel; disabled: boolean }) {
  const lang = useStore(store, (s) => s.lang);
  const devices = useStore(store, (s) => s.devices);
  const selected = useStore(store, (s) => (which === 'agent' ? s.agentDeviceId : s.customerDeviceId));
  const id = `device-${which}`;
  return (
    <div className="capture-page__field">
      <label htmlFor={id}>{translate(lang, which === 'agent' ? 'capture.agentMic' : 'capture.customerSource')}</label>
      <select
        id={id}
        value={selected ?? ''}
        disabled={disabled}
        onChange={(e) => {
          const value = e.target.value || null;
          store.setState(which === 'agent' ? { agentDeviceId: value } : { customerDeviceId: value });
        }}
      >
        <option value="">{translate(lang, which === 'agent' ? 'capture.default' : 'capture.none')}</option>
        {devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>{d.label}</option>
        ))}
      </select>
    </div>
  );
}

function Meter({ store, channel }: { store: CaptureStore; channel: AudioChannel }) {
  const lang = useStore(store, (s) => s.lang);
  const sent = useStore(store, (s) => s.stats[channel]?.framesSent);
  const levelDb = useStore(store, (s) => s.stats[channel]?.levelDb ?? -Infinity);
  if (sent === undefined) return null;
  // -60 dBFS .. 0 dBFS mapped onto the bar.
  const fill = Math.max(0, Math.min(1, (levelDb + 60) / 60));
  return (
    <div className="meter" data-testid={`meter-${channel}`}>
      <span className="meter__name">{translate(lang, channel === 'agent' ? 'talk.agent' : 'talk.customer')}</span>
      <div className="meter__bar"><div className="meter__fill" style={{ width: `${fill * 100}%` }} /></div>
      <span className="meter__count" data-testid={`frames-${channel}`} data-frames={sent}>
        {translate(lang, 'capture.frames', { n: sent })}
      </span>
    </div>
  );
}
