// The tablet's pairing screens: the code form (what was typed survives a refusal, with the reason
// in words), and, while the agent decides on the desktop, the six digits to compare there.
import { useStore } from 'zustand';
import type { SessionClient } from '../../session-client/types.ts';
import { translate, type StringKey } from '../i18n/strings.ts';
import { pairCodeTyped, type TabletStore } from './tablet-store.ts';
import { pairProblemText } from './pair-problem.ts';

interface Props {
  store: TabletStore;
  client: SessionClient;
}

export function PairingScreen({ store, client }: Props) {
  const lang = useStore(store, (s) => s.lang);
  const status = useStore(store, (s) => s.status);
  const code = useStore(store, (s) => s.pairCode);
  const problem = useStore(store, (s) => s.pairProblem);
  return (
    <main className="pairing">
      <h1 className="pairing__title">{translate(lang, 'pair.title')}</h1>
      {status === 'refused' && (
        <p className="pairing__problem" role="alert" data-testid="status" data-problem={problem?.kind ?? 'unknown'}>{pairProblemText(lang, problem)}</p>
      )}
      {status === 'revoked' && (
        <p className="pairing__problem" role="alert" data-testid="status">{translate(lang, `status.${status}` as StringKey)}</p>
      )}
      <p className="pairing__explain">{translate(lang, 'pair.explain')}</p>
      <form
        className="pairing__form"
        onSubmit={(e) => {
          e.preventDefault();
          const trimmed = code.trim();
          if (trimmed) client.pair(trimmed);
        }}
      >
        <label className="pairing__label" htmlFor="pair-code">{translate(lang, 'pair.codeLabel')}</label>
        <input
          id="pair-code"
          className="pairing__input"
          value={code}
          onChange={(e) => pairCodeTyped(store, e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          aria-invalid={status === 'refused' && problem?.kind === 'mistyped'}
        />
        <button type="submit" className="pairing__submit" disabled={status === 'connecting'}>{translate(lang, 'pair.submit')}</button>
      </form>
      <p className="pairing__privacy">{translate(lang, 'pair.privacy')}</p>
    </main>
  );
}

export function AwaitingApproval({ store }: { store: TabletStore }) {
  const lang = useStore(store, (s) => s.lang);
  const confirmCode = useStore(store, (s) => s.confirmCode);
  return (
    <main className="pairing" data-testid="awaiting-approval">
      <h1 className="pairing__title">{translate(lang, 'status.awaiting-approval')}</h1>
      {confirmCode && (
        <section className="pairing__confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title" className="pairing__confirm-title">{translate(lang, 'pair.confirmTitle')}</h2>
          <p className="pairing__confirm-code" data-testid="confirm-code">{confirmCode}</p>
          <p className="pairing__explain">{translate(lang, 'pair.confirmExplain')}</p>
        </section>
      )}
      <p className="pairing__privacy">{translate(lang, 'pair.privacy')}</p>
    </main>
  );
}
