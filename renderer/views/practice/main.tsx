// oefenen.html: practise a complaint call against a scripted customer (`klachtcoach practice`).
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import '../tablet/tablet.css';
import './practice.css';
import { chooseVoice, hush, speakLine, voiceLabel } from './customer-voice.ts';
import { httpPracticeApi } from './practice-api.ts';
import { createPracticeStore, loadScenarios, type PracticeActions } from './practice-store.ts';
import { PracticeApp } from './PracticeApp.tsx';

const params = new URLSearchParams(location.search);
const store = createPracticeStore(params.get('examen') === '1');
const voice = chooseVoice();
const actions: PracticeActions = {
  api: httpPracticeApi,
  now: () => performance.now(),
  onCustomerLine: (text) => speakLine(voice, text),
  onInterrupted: () => hush(voice),
};
createRoot(document.getElementById('root')!).render(<PracticeApp store={store} actions={actions} voiceLabel={voiceLabel(voice)} />);
void loadScenarios(store, actions, params.get('scenario'));
