// tablet.html: the paired tablet or phone.
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './tablet.css';
import '../summary/summary.css';
import { initialLang } from '../i18n/strings.ts';
import { savedLang } from '../shared/LangSwitch.tsx';
import { openSessionClient } from '../shared/open-client.ts';
import { createTabletStore, connectTabletStore } from './tablet-store.ts';
import { TabletApp } from './TabletApp.tsx';

const store = createTabletStore(initialLang(location.search, savedLang()));
const client = openSessionClient('viewer');
connectTabletStore(store, client);
createRoot(document.getElementById('root')!).render(<TabletApp store={store} client={client} />);
client.connect();
