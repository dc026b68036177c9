// The first-run page (and, with ?mode=settings, the settings page): privacy notice, microphone,
// speech model, tablet pairing. One section per step; each reads the store through a narrow
// selector.
import { useStore } from 'zustand';
import type { CoachBridge } from './contracts.ts';
import { actions, type FirstRunStore } from './firstrun-store.ts';
import { startMicTest, stopMicTest } from './microphone.ts';
import { MODEL_CHOICES, STRINGS } from './strings.ts';

interface Props {
  store: FirstRunStore;
  coach: CoachBridge | undefined;
}

function List({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function PrivacySection({ store }: Props) {
  const read = useStore(store, (s) => s.privacyRead);
  return (
    <section className="step" aria-labelledby="privacy-heading" data-testid="privacy">
      <h2 id="privacy-heading">{STRINGS.privacyHeading}</h2>
      <div className="privacy">
        <div className="privacy__col privacy__col--used">
          <h3>{STRINGS.captured}</h3>
          <List items={STRINGS.capturedItems} />
        </div>
        <div className="privacy__col privacy__col--kept">
          <h3>{STRINGS.stored}</h3>
          <List items={STRINGS.storedItems} />
        </div>
        <div className="privacy__col privacy__col--never">
          <h3>{STRINGS.never}</h3>
          <List items={STRINGS.neverItems} />
        </div>
      </div>
      <p className="note">{STRINGS.pauseNote}</p>
      {read ? (
        <p className="status status--ok">✓ {STRINGS.privacyAccept}</p>
      ) : (
        <button type="button" className="primary" onClick={() => actions.readPrivacy(store)} data-testid="privacy-accept">
          {STRINGS.privacyAccept}
        </button>
      )}
    </section>
  );
}

function MicrophoneSection({ store, coach }: Props) {
  const permission = useStore(store, (s) => s.mic.permission);
  const error = useStore(store, (s) => s.mic.error);
  const devices = useStore(store, (s) => s.mic.devices);
  const selected = useStore(store, (s) => s.mic.selected);
  const level = useStore(store, (s) => s.mic.level);
  const testing = useStore(store, (s) => s.mic.testing);
  return (
    <section className="step" aria-labelledby="mic-heading" data-testid="microphone">
      <h2 id="mic-heading">{STRINGS.micHeading}</h2>
      <p>{STRINGS.micExplain}</p>
      {permission === 'denied' && <p className="status status--bad" role="alert">{STRINGS.micDenied}</p>}
      {permission === 'error' && <p className="status status--bad" role="alert">{STRINGS.micError} {error}</p>}
      {devices.length > 0 && (
        <label className="field">
          <span>{STRINGS.micDevice}</span>
          <select
            value={selected ?? ''}
            onChange={(e) => {
              void actions.chooseMicrophone(store, coach, e.target.value === '' ? null : e.target.value).then(() => startMicTest(store));
            }}
            data-testid="mic-select"
          >
            <option value="">{STRINGS.micDefault}</option>
            {devices.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>{d.label}</option>
            ))}
          </select>
        </label>
      )}
      {testing ? (
        <>
          <div className="meter" role="meter" aria-label={STRINGS.micLevel} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)}>
            <div className="meter__bar" style={{ transform: `scaleX(${level.toFixed(3)})` }} />
          </div>
          <p className="note">{STRINGS.micLevel}</p>
          <button type="button" onClick={() => stopMicTest(store)}>{STRINGS.micStop}</button>
        </>
      ) : (
        <button type="button" className="primary" disabled={permission === 'asking'} onClick={() => void startMicTest(store)} data-testid="mic-allow">
          {STRINGS.micAllow}
        </button>
      )}
    </section>
  );
}

function ModelSection({ store, coach }: Props) {
  const selected = useStore(store, (s) => s.model.selected);
  const progress = useStore(store, (s) => s.model.progress);
  const hasBridge = useStore(store, (s) => s.hasBridge);
  const busy = progress !== null && (progress.phase === 'starting' || progress.phase === 'downloading' || progress.phase === 'verifying');
  const percent = progress?.fraction === null || progress?.fraction === undefined ? null : Math.round(progress.fraction * 100);
  return (
    <section className="step" aria-labelledby="model-heading" data-testid="model">
      <h2 id="model-heading">{STRINGS.modelHeading}</h2>
      <p>{STRINGS.modelExplain}</p>
      <p className="note" data-testid="model-verified">{STRINGS.modelVerified}</p>
      <fieldset className="choices" disabled={busy}>
        {MODEL_CHOICES.map((m) => (
          <label key={m.name} className="choice">
            <input type="radio" name="model" value={m.name} checked={selected === m.name} disabled={!m.downloadable} onChange={() => actions.chooseModel(store, m.name)} />
            <span className="choice__label">{m.label}</span>
            <span className="choice__detail">{m.downloadable ? m.detail : STRINGS.modelUnpinned}</span>
          </label>
        ))}
      </fieldset>
      {progress !== null && progress.phase !== 'done' && progress.phase !== 'failed' && (
        <div className="progress" data-testid="model-progress">
          <progress max={100} value={percent ?? undefined} aria-label={STRINGS.modelDownloading} />
          <span>
            {progress.phase === 'starting' ? STRINGS.modelStarting : progress.phase === 'verifying' ? STRINGS.modelVerifying : STRINGS.modelDownloading}
            {percent !== null && ` ${percent}%`}
          </span>
        </div>
      )}
      {progress?.phase === 'done' && <p className="status status--ok" data-testid="model-done">✓ {STRINGS.modelDone}</p>}
      {progress?.phase === 'failed' && <p className="status status--bad" role="alert">{STRINGS.modelFailed} {progress.message}</p>}
      {progress?.phase !== 'done' && (
        <button type="button" className="primary" disabled={!hasBridge || busy} onClick={() => void actions.downloadModel(store, coach)} data-testid="model-download">
          {progress?.phase === 'failed' ? STRINGS.modelRetry : STRINGS.modelDownload}
        </button>
      )}
      <p className="note">{STRINGS.modelWithout}</p>
    </section>
  );
}

function PairingSection({ store, coach }: Props) {
  const opened = useStore(store, (s) => s.pairingOpened);
  const hasBridge = useStore(store, (s) => s.hasBridge);
  return (
    <section className="step" aria-labelledby="pair-heading" data-testid="pairing">
      <h2 id="pair-heading">{STRINGS.pairHeading}</h2>
      <p>{STRINGS.pairExplain}</p>
      {opened && <p className="status status--ok">✓ {STRINGS.pairOpened}</p>}
      <button type="button" disabled={!hasBridge} onClick={() => void actions.openPairing(store, coach)} data-testid="pair-open">
        {STRINGS.pairOpen}
      </button>
    </section>
  );
}

export function FirstRunApp({ store, coach }: Props) {
  const mode = useStore(store, (s) => s.mode);
  const hasBridge = useStore(store, (s) => s.hasBridge);
  const privacyRead = useStore(store, (s) => s.privacyRead);
  return (
    <main className="firstrun">
      <header>
        <h1>{mode === 'settings' ? STRINGS.titleSettings : STRINGS.title}</h1>
        {mode === 'firstrun' && <p className="intro">{STRINGS.intro}</p>}
        {!hasBridge && <p className="status status--info" data-testid="no-bridge">{STRINGS.noBridge}</p>}
      </header>
      <PrivacySection store={store} coach={coach} />
      <MicrophoneSection store={store} coach={coach} />
      <ModelSection store={store} coach={coach} />
      <PairingSection store={store} coach={coach} />
      <footer>
        {!privacyRead && <span className="note">{STRINGS.finishNeedsPrivacy}</span>}
        <button type="button" className="primary primary--big" disabled={!privacyRead} onClick={() => void actions.finish(store, coach)} data-testid="finish">
          {mode === 'settings' ? STRINGS.done : STRINGS.finish}
        </button>
      </footer>
    </main>
  );
}
