// Practice: the time from the end of the trainee's turn to the customer's next line (speech
// recognition excluded: the turn arrives as text). Measured twice: the state machine alone
// (engine, timing rules, coach, line choice), and the whole request the Oefenen page makes
// (HTTP on loopback, JSON, the round's bookkeeping). Every example round of every shipped
// scenario is played 20 times.
import { loadCoachConfig } from '../main/coach/load-coach-config.ts';
import { PRACTICE_API_PATH, type RoundReply } from '../main/contracts/practice-api.ts';
import { RuleEngine } from '../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../main/rules/default-dir.ts';
import { timingRuntimes } from '../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../main/practice/load-scenarios.ts';
import { PracticeRounds } from '../main/practice/practice-rounds.ts';
import { PracticeServer } from '../main/practice/practice-server.ts';
import { PracticeSession } from '../main/practice/practice-session.ts';
import { DEFAULT_SCENARIOS_DIR } from '../main/practice/scenario-dir.ts';
import { scriptedInput } from '../main/practice/scripted-trainee.ts';
import { fmt, median, percentile } from './stats.ts';

const REPEATS = 20;

export default async function bench(): Promise<void> {
  const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
  const scenarios = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).map((l) => l.scenario);
  const coachConfig = loadCoachConfig();
  const timingRules = timingRuntimes(engine);

  const inProcessMs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const scenario of scenarios) {
      for (const example of scenario.examples) {
        const session = new PracticeSession({ scenario, engine, timingRules, coachConfig });
        let customer = session.start();
        for (const turn of example.turns) {
          if (session.over) break;
          const input = scriptedInput(turn, customer, scenario.silenceMs);
          const t0 = performance.now();
          const result = session.answer(input);
          inProcessMs.push(performance.now() - t0);
          if (result.customer) customer = result.customer;
        }
        session.dispose();
      }
    }
  }

  const rounds = new PracticeRounds({ scenarios, engine, timingRules, coachConfig });
  const server = new PracticeServer({ rounds, staticDir: DEFAULT_SCENARIOS_DIR, port: 0 });
  const origin = new URL(await server.listen()).origin;
  const post = async (path: string, body: unknown): Promise<RoundReply> => {
    const res = await fetch(`${origin}${PRACTICE_API_PATH}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as RoundReply;
  };
  const httpMs: number[] = [];
  try {
    for (let r = 0; r < REPEATS; r++) {
      for (const scenario of scenarios) {
        for (const example of scenario.examples) {
          let reply = await post('/rounds', { scenarioId: scenario.id, examen: false });
          for (const turn of example.turns) {
            if (reply.over) break;
            const t0 = performance.now();
            reply = 'silence' in turn
              ? await post(`/rounds/${reply.roundId}/silence`, {})
              : await post(`/rounds/${reply.roundId}/turn`, { text: turn.say });
            httpMs.push(performance.now() - t0);
          }
          if (!reply.over) await post(`/rounds/${reply.roundId}/stop`, {});
        }
      }
    }
  } finally {
    await server.close();
  }
  console.log(`practice: end of the trainee's turn to the customer's next line, ${scenarios.length} scenarios, every example round ${REPEATS}x (speech recognition excluded)`);
  console.log(`  state machine: median ${fmt(median(inProcessMs))} ms, p95 ${fmt(percentile(inProcessMs, 95))} ms, p99 ${fmt(percentile(inProcessMs, 99))} ms over ${inProcessMs.length} turns`);
  console.log(`  HTTP round trip (what the page waits for): median ${fmt(median(httpMs))} ms, p95 ${fmt(percentile(httpMs, 95))} ms, p99 ${fmt(percentile(httpMs, 99))} ms over ${httpMs.length} turns (target p95 ≤ 700 ms)`);
}
