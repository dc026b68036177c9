// summary.html: the agent's personal summary after the call, on the desktop.
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import '../tablet/tablet.css';
import './summary.css';
import { initialLang } from '../i18n/strings.ts';
import { savedLang } from '../shared/LangSwitch.tsx';
import { openSessionClient } from '../shared/open-client.ts';
import { createSummaryStore, connectSummaryStore } from './summary-store.ts';
import { SummaryApp } from './SummaryApp.tsx';

const store = createSummaryStore(initialLang(location.search, savedLang()));
const client = openSessionClient('desktop');
connectSummaryStore(store, client);
createRoot(document.getElementById('root')!).render(<SummaryApp store={store} />);
client.connect();
