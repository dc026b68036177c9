// oefenen.html: practise a complaint call against a scripted customer (`klachtcoach practice`).
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import '../tablet/tablet.css';
import './practice.css';
import { CustomerVoice } from './customer-voice.ts';
import { startVoiceAnswer } from './voice-answer.ts';
import { httpPracticeApi } from './practice-api.ts';
import { createPracticeStore, loadScenarios, type PracticeActions } from './practice-store.ts';
import { PracticeApp } from './PracticeApp.tsx';

const params = new URLSearchParams(location.search);
const store = createPracticeStore(params.get('examen') === '1');
// Recordings play through one audio element on the page (not shown; the line is shown as text).
const audio = document.createElement('audio');
audio.dataset.testid = 'customer-audio';
document.body.append(audio);
const voice = new CustomerVoice(audio);
const actions: PracticeActions = {
  api: httpPracticeApi,
  now: () => performance.now(),
  onCustomerLine: (scenarioId, line) => voice.say(scenarioId, line),
  onInterrupted: () => voice.hush(),
  voiceLabel: (scenario) => voice.label(scenario),
  startVoice: (roundId, onMessage) => startVoiceAnswer(roundId, onMessage),
};
createRoot(document.getElementById('root')!).render(<PracticeApp store={store} actions={actions} />);
void loadScenarios(store, actions, params.get('scenario'));
