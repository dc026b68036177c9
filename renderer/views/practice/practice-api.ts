// The page's side of the practice API: plain fetch calls to the server that served the page.
import { PRACTICE_API_PATH, type RoundReply, type ScenarioSummary, type VoiceStatus } from '../../../main/contracts/practice-api.ts';

export interface PracticeApi {
  scenarios(): Promise<ScenarioSummary[]>;
  /** Whether answering by voice is possible (a speech model on the server). */
  voice(): Promise<VoiceStatus>;
  start(scenarioId: string, examen: boolean): Promise<RoundReply>;
  say(roundId: string, text: string): Promise<RoundReply>;
  silence(roundId: string): Promise<RoundReply>;
  stop(roundId: string): Promise<RoundReply>;
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${PRACTICE_API_PATH}${path}`, body === undefined
    ? {}
    : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

export const httpPracticeApi: PracticeApi = {
  scenarios: () => call('/scenarios'),
  voice: () => call('/voice'),
  start: (scenarioId, examen) => call('/rounds', { scenarioId, examen }),
  say: (roundId, text) => call(`/rounds/${roundId}/turn`, { text }),
  silence: (roundId) => call(`/rounds/${roundId}/silence`, {}),
  stop: (roundId) => call(`/rounds/${roundId}/stop`, {}),
};
