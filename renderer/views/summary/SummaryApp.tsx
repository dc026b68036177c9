import { useStore } from 'zustand';
import { translate } from '../i18n/strings.ts';
import { LangSwitch, useDocumentLang } from '../shared/LangSwitch.tsx';
import { SummaryView } from './SummaryView.tsx';
import type { SummaryStore } from './summary-store.ts';

export function SummaryApp({ store }: { store: SummaryStore }) {
  const lang = useStore(store, (s) => s.lang);
  useDocumentLang(lang);
  const summary = useStore(store, (s) => s.summary);
  return (
    <div className="summary-page" lang={lang}>
      <header className="tablet__bar">
        <span className="tablet__brand">{translate(lang, 'app.title.summary')}</span>
        <LangSwitch lang={lang} onChange={(l) => store.setState({ lang: l })} />
      </header>
      {summary ? <SummaryView summary={summary} lang={lang} /> : <p className="tablet__none">{translate(lang, 'summary.waiting')}</p>}
    </div>
  );
}
