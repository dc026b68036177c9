// `klachtcoach practice [SCENARIO]`: practise a complaint call against a scripted customer on the
// Oefenen page (this machine only). The trainee types; the same rules, timing rules and coach as
// on a real call judge each turn, and the customer answers by what the trainee did. Finished
// rounds go to the call store as practice (their own table), never among real calls.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CoachConfigError, loadCoachConfig } from '../coach/load-coach-config.ts';
import { RuleLoadError } from '../rules/loader.ts';
import { DEFAULT_RULES_DIR } from '../rules/default-dir.ts';
import { timingRuntimes } from '../practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../practice/load-scenarios.ts';
import { PracticeRounds } from '../practice/practice-rounds.ts';
import { PracticeServer } from '../practice/practice-server.ts';
import { DEFAULT_SCENARIOS_DIR } from '../practice/scenario-dir.ts';
import { defaultStorePath } from '../store/store-path.ts';
import { earlierAttempts, recordPracticeRound } from '../store/practice-results.ts';
import { exportPracticeCsv } from '../store/practice-csv.ts';
import { startAutomaticPurge } from '../store/retention.ts';
import { loadEngine } from './analyze.ts';
import { defaultAgentName, openCallStore } from './serve.ts';
import { UserError } from './user-error.ts';
import { projectPath } from '../project-root.ts';
import { findRecordedLines, type RecordedLine } from '../practice/recorded-lines.ts';
import type { PracticeVoice } from '../practice/practice-server.ts';
import { pickModel } from '../asr/installed-models.ts';
import { SpeechWorker } from '../asr/speech-worker.ts';
import { modelsDir } from '../../models/paths.ts';

const DIST = projectPath('dist', 'renderer');
export const DEFAULT_PRACTICE_PORT = 8788;

export async function run(args: string[]): Promise<number> {
  if (args[0] === 'export') return exportCommand(args.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        port: { type: 'string' }, rules: { type: 'string' }, scenarios: { type: 'string' }, examen: { type: 'boolean', default: false },
        db: { type: 'string' }, 'no-store': { type: 'boolean', default: false }, agent: { type: 'string' },
        model: { type: 'string' }, 'no-voice': { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  const v = parsed.values;
  const [scenarioId, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, 2);
  const port = v.port === undefined ? DEFAULT_PRACTICE_PORT : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${v.port}: expected a port number 0-65535`, 2);
  if (v.db && v['no-store']) throw new UserError('--db and --no-store contradict each other; pick one', 2);
  if (!existsSync(`${DIST}/oefenen.html`)) throw new UserError(`${DIST}: the views are not built; run \`npm run build\` first`);

  const engine = loadEngine(v.rules ?? DEFAULT_RULES_DIR);
  let loaded;
  let coachConfig;
  const recordings = new Map<string, Map<string, RecordedLine>>();
  try {
    loaded = loadScenariosOrThrow(v.scenarios ?? DEFAULT_SCENARIOS_DIR);
    const problems = loaded.flatMap((l) => {
      const found = findRecordedLines(l);
      recordings.set(l.scenario.id, found.lines);
      return found.problems;
    });
    if (problems.length > 0) throw new RuleLoadError(problems);
    coachConfig = loadCoachConfig();
  } catch (err) {
    if (err instanceof RuleLoadError || err instanceof CoachConfigError) throw new UserError(err.message);
    throw err;
  }
  const scenarios = loaded.map((l) => l.scenario);
  if (scenarioId && !scenarios.some((s) => s.id === scenarioId)) {
    throw new UserError(`no scenario "${scenarioId}"; known: ${scenarios.map((s) => s.id).join(', ')}`, 2);
  }
  const store = v['no-store'] ? null : openCallStore(v.db ?? defaultStorePath());
  // This process writes the store, so it applies the retention too (practice rounds included).
  const stopPurge = store ? startAutomaticPurge(store) : () => {};
  const agentId = (v.agent ?? defaultAgentName()).trim() || 'agent';
  const rounds = new PracticeRounds({
    scenarios, engine, timingRules: timingRuntimes(engine), coachConfig, recordings,
    earlierAttempts: (scenarioId) => (store ? earlierAttempts(store, agentId, scenarioId) : []),
    onFinished: (card, startedAtMs) => {
      if (store) recordPracticeRound(store, { agentId, startedAtMs, endedAtMs: Date.now(), card });
    },
  });
  const voice = v['no-voice'] ? null : await startVoice(v.model);
  const server = new PracticeServer({ rounds, staticDir: DIST, port, ...(voice ? { voice } : {}), log: (line) => console.error(line) });
  try {
    const url = await server.listen();
    const query = [scenarioId ? `scenario=${encodeURIComponent(scenarioId)}` : '', v.examen ? 'examen=1' : ''].filter(Boolean).join('&');
    console.log(`Oefenen: open ${url}${query ? `?${query}` : ''} in je browser (Ctrl+C stopt).`);
    console.log(store ? `Afgeronde rondes worden als oefening bewaard in ${v.db ?? defaultStorePath()}.` : 'Rondes worden niet bewaard (--no-store).');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return 0;
  } finally {
    await server.close();
    stopPurge();
    await voice?.worker.close();
    store?.close();
  }
}

/**
 * `practice export [--agent NAME] [--scenario ID] [--out FILE] [--db FILE]`: the trainee's rounds
 * as CSV for a trainer. The trainee runs it and hands the file over; nothing is sent anywhere.
 */
function exportCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, options: { agent: { type: 'string' }, scenario: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' } } });
  } catch (err) {
    throw new UserError(`export: ${(err as Error).message}`, 2);
  }
  const v = parsed.values;
  const agentId = (v.agent ?? defaultAgentName()).trim() || 'agent';
  const file = v.db ?? defaultStorePath();
  if (!existsSync(file)) throw new UserError(`export: ${file}: no call store here (pass --db FILE)`);
  const store = openCallStore(file);
  try {
    const csv = exportPracticeCsv(store, agentId, v.scenario);
    if (v.out) {
      writeFileSync(v.out, csv);
      console.error(`practice export: ${csv.split('\r\n').length - 2} round(s) of ${agentId} written to ${v.out}`);
    } else process.stdout.write(csv);
    return 0;
  } finally {
    store.close();
  }
}

/**
 * Answering by voice needs a speech model; without one (or with --no-voice) the page offers
 * typing and says why. A --model NAME that is not installed is an error, as for serve.
 */
async function startVoice(requested: string | undefined): Promise<(PracticeVoice & { worker: SpeechWorker }) | null> {
  const dir = modelsDir();
  const name = pickModel(requested, dir);
  if (!name) {
    console.error('Oefenen: geen spraakmodel geïnstalleerd, dus je antwoordt door te typen (npx klachtcoach models download whisper-base).');
    return null;
  }
  try {
    const worker = await SpeechWorker.start({ modelsDir: dir, name });
    const { loadSileroSession, SileroCallVad } = await import('../vad/silero-v5.ts');
    const session = await loadSileroSession();
    console.error(`Oefenen: je kunt antwoorden met je stem (${name}).`);
    return { worker, recogniser: worker, model: name, vad: async () => new SileroCallVad(session, false) };
  } catch (err) {
    if (requested) throw err;
    console.error(`Oefenen: ${name} kon niet laden (${(err as Error).message}); je antwoordt door te typen.`);
    return null;
  }
}
