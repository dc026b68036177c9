// The Oefenen page's state and its actions. One vanilla store; the actions are plain functions
// the view calls, and they talk to the server through the injected PracticeApi.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RoundReply, ScenarioSummary } from '../../../main/contracts/practice-api.ts';
import type { CustomerLineView, PracticeAttempt, ScoreCard, VoiceMessage, VoiceStatus } from '../../../main/contracts/practice-api.ts';
import type { VoiceKind } from './customer-voice.ts';
import type { VoiceAnswer } from './voice-answer.ts';
import type { Tip } from '../shared/contracts.ts';
import type { PracticeApi } from './practice-api.ts';

export interface SaidLine {
  who: 'klant' | 'jij';
  text: string;
}

export interface PracticeState {
  scenarios: ScenarioSummary[];
  /** The scenario being played or about to be. */
  scenario: ScenarioSummary | null;
  examen: boolean;
  roundId: string | null;
  lines: SaidLine[];
  /** Wall-clock ms until which the customer is still talking (the page shows it). */
  customerSpeakingUntilMs: number;
  silenceMs: number;
  tip: Tip | null;
  busy: boolean;
  card: ScoreCard | null;
  /** With the card: the trainee's earlier rounds of this scenario, newest first. */
  earlier: PracticeAttempt[];
  error: string | null;
  /** Whether the server can hear spoken answers; null until asked. */
  voice: VoiceStatus | null;
  answerBy: 'typing' | 'voice';
  /** The VAD hears the trainee (answering by voice). */
  traineeSpeaking: boolean;
  /** How the customer's last line sounded. */
  customerVoice: VoiceKind | null;
}

export type PracticeStore = StoreApi<PracticeState>;

export function createPracticeStore(examen: boolean): PracticeStore {
  return createStore<PracticeState>()(() => ({
    scenarios: [], scenario: null, examen, roundId: null, lines: [], customerSpeakingUntilMs: 0,
    silenceMs: 8000, tip: null, busy: false, card: null, earlier: [], error: null,
    voice: null, answerBy: 'typing', traineeSpeaking: false, customerVoice: null,
  }));
}

export interface PracticeActions {
  api: PracticeApi;
  now: () => number;
  /** The customer says a line (recording, speech voice or text only); returns which. */
  onCustomerLine: (scenarioId: string, line: CustomerLineView) => VoiceKind;
  /** The trainee came in while the customer was talking. */
  onInterrupted: () => void;
  /** The plain sentence saying how the customer sounds in this scenario. */
  voiceLabel: (scenario: ScenarioSummary) => string;
  /** Opens the microphone for a round's spoken answers. */
  startVoice: (roundId: string, onMessage: (m: VoiceMessage) => void) => Promise<VoiceAnswer>;
}

async function guarded(store: PracticeStore, work: () => Promise<void>): Promise<void> {
  store.setState({ busy: true, error: null });
  try {
    await work();
  } catch (err) {
    store.setState({ error: `Dat lukte niet: ${(err as Error).message}` });
  } finally {
    store.setState({ busy: false });
  }
}

function applyReply(store: PracticeStore, actions: PracticeActions, reply: RoundReply, own?: string): void {
  const lines = [...store.getState().lines];
  if (own !== undefined) lines.push({ who: 'jij', text: own });
  let customerVoice = store.getState().customerVoice;
  if (reply.customer) {
    lines.push({ who: 'klant', text: reply.customer.text });
    customerVoice = actions.onCustomerLine(store.getState().scenario?.id ?? '', reply.customer);
  }
  store.setState({
    roundId: reply.over ? null : reply.roundId,
    lines,
    customerSpeakingUntilMs: reply.customer ? actions.now() + reply.customer.speakingMs : 0,
    silenceMs: reply.silenceMs,
    tip: reply.tip,
    card: reply.card,
    earlier: reply.earlier,
    customerVoice,
  });
}

export function loadScenarios(store: PracticeStore, actions: PracticeActions, preselect: string | null): Promise<void> {
  return guarded(store, async () => {
    const [scenarios, voice] = await Promise.all([actions.api.scenarios(), actions.api.voice()]);
    store.setState({ scenarios, scenario: scenarios.find((s) => s.id === preselect) ?? null, voice, answerBy: voice.available ? 'voice' : 'typing' });
  });
}

export function chooseScenario(store: PracticeStore, scenario: ScenarioSummary | null): void {
  store.setState({ scenario, card: null, lines: [], tip: null, roundId: null });
}

export function setAnswerBy(store: PracticeStore, answerBy: PracticeState['answerBy']): void {
  store.setState({ answerBy });
}

/** What the round's voice socket says: the trainee talking, talking over the customer, a spoken turn's reply. */
export function voiceMessage(store: PracticeStore, actions: PracticeActions, message: VoiceMessage): void {
  if (message.type === 'trainee') store.setState({ traineeSpeaking: message.speaking });
  else if (message.type === 'hush') {
    actions.onInterrupted();
    store.setState({ customerSpeakingUntilMs: 0 });
  } else if (message.type === 'reply') applyReply(store, actions, message.reply, message.said);
  else store.setState({ error: `Je stem: ${message.message}` });
}

export function setExamen(store: PracticeStore, examen: boolean): void {
  store.setState({ examen });
}

export function startRound(store: PracticeStore, actions: PracticeActions): Promise<void> {
  const { scenario, examen } = store.getState();
  if (!scenario) return Promise.resolve();
  store.setState({ lines: [], card: null, tip: null });
  return guarded(store, async () => applyReply(store, actions, await actions.api.start(scenario.id, examen)));
}

export function say(store: PracticeStore, actions: PracticeActions, text: string): Promise<void> {
  const { roundId, customerSpeakingUntilMs } = store.getState();
  if (!roundId || !text.trim()) return Promise.resolve();
  if (actions.now() < customerSpeakingUntilMs) actions.onInterrupted();
  return guarded(store, async () => applyReply(store, actions, await actions.api.say(roundId, text.trim()), text.trim()));
}

export function stayedSilent(store: PracticeStore, actions: PracticeActions): Promise<void> {
  const { roundId } = store.getState();
  if (!roundId) return Promise.resolve();
  return guarded(store, async () => applyReply(store, actions, await actions.api.silence(roundId), ''));
}

export function hangUp(store: PracticeStore, actions: PracticeActions): Promise<void> {
  const { roundId } = store.getState();
  if (!roundId) return Promise.resolve();
  return guarded(store, async () => applyReply(store, actions, await actions.api.stop(roundId)));
}

export function dismissTip(store: PracticeStore): void {
  store.setState({ tip: null });
}
