// The Oefenen page answered by voice, end to end in Chromium: every shipped scenario's example
// rounds (scenarios/nl/*.yaml), said by espeak-ng into one WAV per round that is the fake
// microphone. The page's capture graph (the capture page's AudioWorklet) sends it to the round's
// voice socket, the practice server runs the real Silero VAD and LiveAgentSpeech on it. The words
// come from a transcript track (the sentences the WAV says, in order), because the tiny test
// Whisper makes no Dutch; test/asr/speech-worker.test.ts covers that model. Everything else is
// real time on a real clock: the customer waits for the end of the trainee's turn, stops when
// talked over, presses on after a long silence, and the score card comes from what was said.
// Real time makes a round last as long as its conversation (40–70 s). All ten example rounds
// take about 3.5 minutes two at a time, and five at once miss their timing on a loaded 2-core
// machine. So by voice each scenario plays the rounds that test turn-taking (its poor round:
// interruptions, silences) and lekkage its good round too (about 2.5 minutes), two rounds at a
// time, each with its own browser (the fake microphone is a launch flag) and its own server.
// KC_VOICE_ALL=1 plays every example round by voice; practice.browser.test.ts types them all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscriptTrack } from '../support/transcript-track.ts';
import { loadCoachConfig } from '../../main/coach/load-coach-config.ts';
import { sileroCallVad } from '../../main/engine/analyze-call.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { CUSTOMER_WAIT_MS, speakingMs } from '../../main/practice/practice-session.ts';
import { PracticeRounds } from '../../main/practice/practice-rounds.ts';
import { PracticeServer } from '../../main/practice/practice-server.ts';
import type { Scenario } from '../../main/practice/scenario-schema.ts';
import type { ScoreCard } from '../../main/practice/score-card.ts';
import { buildPage, chromiumMissing, launchChromium } from '../app/page-harness.ts';
import {
  customerLinesShown, exampleRounds, expectedLinesShown, expectScoreCard, interruptionsOf, lineText, shippedScenarios,
  spokenTurns, watchCustomerLines, type ExampleRound,
} from './example-rounds.ts';

const missing = [...(chromiumMissing ? ['/usr/bin/chromium'] : []), ...['/usr/bin/espeak-ng', '/usr/bin/sox'].filter((t) => !existsSync(t))];
if (missing.length > 0) console.warn(`Oefenen voice test skipped: ${missing.join(', ')} not installed`);

const SHOTS = resolve(import.meta.dirname, '../../.cache/screenshots/practice');

/** The trainee answers this long after the customer finished (room for the VAD and the socket). */
const ANSWER_GAP_MS = 1200;
/** The trainee talks over the customer this long into their line. */
const INTERRUPT_AFTER_MS = 1500;

/** Voice rounds at once: real time needs CPU to spare (the VAD, the page's audio graph). */
const AT_ONCE = 2;
const PLAY_ALL = process.env.KC_VOICE_ALL === '1';

/** Runs `work` once fewer than AT_ONCE others are running. */
const running: Promise<unknown>[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  while (running.length >= AT_ONCE) await Promise.race(running).catch(() => undefined);
  const done = work();
  const entry = done.finally(() => running.splice(running.indexOf(entry), 1));
  running.push(entry);
  return done;
}

/** A stretch of the fake microphone's sound: a 16 kHz mono WAV and how long it lasts. */
interface Stretch {
  file: string;
  ms: number;
}

/** 16-bit mono at 16 kHz: 32 bytes a millisecond after sox's 44-byte header. */
const wavMs = (file: string): number => (statSync(file).size - 44) / 32;

/** espeak-ng's Dutch voice saying `text`, made once per test run and reused. */
function sentence(dir: string, name: string, text: string): Stretch {
  const file = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-v', 'nl', '-s', '150', '-w', `${file}.raw.wav`, text]);
  execFileSync('sox', [`${file}.raw.wav`, '-r', '16000', '-c', '1', '-b', '16', file, 'norm', '-3']);
  return { file, ms: wavMs(file) };
}

function silence(dir: string, name: string, ms: number): Stretch {
  const file = join(dir, `${name}.wav`);
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', file, 'trim', '0', (ms / 1000).toFixed(3)]);
  return { file, ms };
}

describe.skipIf(missing.length > 0)('Oefenen by voice (fake microphone)', () => {
  let dir = '';
  let pageDir = '';
  let engine: RuleEngine;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'kc-voice-'));
    pageDir = await buildPage('oefenen');
    engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(pageDir, { recursive: true, force: true });
  });

  /** A practice server for one round: its own transcript track and its own finished rounds. */
  async function voiceServer(scenario: Scenario, track: TranscriptTrack): Promise<{ url: string; finished: ScoreCard[] }> {
    const finished: ScoreCard[] = [];
    const rounds = new PracticeRounds({
      scenarios: [scenario], engine, timingRules: timingRuntimes(engine), coachConfig: loadCoachConfig(),
      onFinished: (card) => finished.push(card),
    });
    const server = new PracticeServer({ rounds, staticDir: pageDir, port: 0, voice: { recogniser: track, model: 'transcript track', vad: () => sileroCallVad(false) } });
    closers.push(() => server.close());
    return { url: await server.listen(), finished };
  }

  /** A browser whose microphone plays the WAV once, from when the page opens it; `told` collects what the server told the page. */
  async function pageWithMicrophone(wav: string, url: string, told: string[]): Promise<Page> {
    const browser = await launchChromium([
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`, '--autoplay-policy=no-user-gesture-required',
    ]);
    closers.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    page.on('websocket', (ws) => ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string') told.push((JSON.parse(f.payload) as { type: string }).type);
    }));
    await watchCustomerLines(page);
    await page.goto(url);
    await page.getByRole('radio', { name: /Met je stem/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Met je stem/ }).isChecked()).toBe(true);
    return page;
  }

  /**
   * The WAV a trainee says the example into, timed on the customer's lines as the round times
   * them: an answer 1.2 s after the customer finished, an interruption 1.5 s into the customer's
   * line (early, as the microphone starts a moment after the customer's opening), a silence left
   * until the page's silence timer has made the customer press on.
   */
  function exampleWav(round: ExampleRound): string {
    const { scenario, example } = round;
    const stretches: Stretch[] = [];
    let atMs = 0; // how far the WAV is
    let customer = { startMs: 0, ms: speakingMs(scenario.opening) };
    example.turns.forEach((turn, i) => {
      const answer = example.path[i];
      if (!answer) throw new Error(`${round.key}: turn ${i + 1} has no customer line in the path`);
      const next = { ms: speakingMs(lineText(scenario, answer)) };
      if ('silence' in turn) {
        // The page says "silence" once the customer finished and the scenario's silence passed.
        customer = { startMs: customer.startMs + customer.ms + scenario.silenceMs, ...next };
        return;
      }
      const sayAtMs = customer.startMs + (turn.interrupt ? Math.min(INTERRUPT_AFTER_MS, customer.ms / 2) : customer.ms + ANSWER_GAP_MS);
      if (sayAtMs > atMs) stretches.push(silence(dir, `${round.key}-${i}-stil`, sayAtMs - atMs));
      const said = sentence(dir, `${round.key}-${i}`, turn.say);
      stretches.push(said);
      atMs = Math.max(atMs, sayAtMs) + said.ms;
      // The customer answers once the trainee has been quiet for the wait.
      customer = { startMs: atMs + CUSTOMER_WAIT_MS, ...next };
    });
    stretches.push(silence(dir, `${round.key}-einde`, 3000));
    const wav = join(dir, `${round.key}.wav`);
    execFileSync('sox', [...stretches.map((s) => s.file), wav]);
    return wav;
  }

  const rounds = shippedScenarios().flatMap(exampleRounds);
  /** By voice: every round that interrupts or stays silent, and lekkage's good round (a good path by voice). */
  const byVoice = (r: ExampleRound): boolean => PLAY_ALL || r.key === 'lekkage-derde-keer-1'
    || r.example.turns.some((t) => 'silence' in t || t.interrupt);
  const typedOnly = rounds.filter((r) => !byVoice(r)).map((r) => r.key);
  if (typedOnly.length > 0) console.warn(`Oefenen by voice: ${typedOnly.join(', ')} played typed only (practice.browser.test.ts); KC_VOICE_ALL=1 plays them by voice too`);
  for (const round of rounds.filter(byVoice)) {
    const { scenario, example } = round;
    it.concurrent(`${scenario.id}, ${example.name}: by voice the customer answers along [${example.path.join(', ')}]`, { timeout: 600_000 }, ({ expect }) => inTurn(async () => {
      const said = spokenTurns(example);
      const track = new TranscriptTrack(said);
      const { url, finished } = await voiceServer(scenario, track);
      const told: string[] = [];
      const page = await pageWithMicrophone(exampleWav(round), `${url}?scenario=${scenario.id}`, told);
      await page.getByRole('button', { name: 'Begin het gesprek' }).click();
      await page.getByTestId('mic').waitFor();
      // While a sentence is being said, the page shows the trainee talking.
      await expect.poll(() => page.getByTestId('mic').getAttribute('data-speaking'), { timeout: 60_000, interval: 100 }).toBe('yes');
      await page.screenshot({ path: join(SHOTS, `stem-${round.key}-praat.png`) });
      await page.getByTestId('score-card').waitFor({ timeout: 150_000 });
      await page.screenshot({ path: join(SHOTS, `stem-${round.key}-score.png`), fullPage: true });
      expect(finished).toHaveLength(1);
      expect(finished[0]!.path).toEqual(example.path);
      expect(finished[0]!.interruptions).toBe(interruptionsOf(example));
      expect(await customerLinesShown(page)).toEqual(expectedLinesShown(round));
      await expectScoreCard(page, round);
      // The VAD heard real speech for every spoken turn. Under load it may cut a long sentence at
      // a comma into two utterances; the turn still holds them together (one reply per turn, below).
      expect(track.heardMs.length).toBeGreaterThanOrEqual(said.length);
      expect(track.heardMs.filter((ms) => ms > 500).length).toBeGreaterThanOrEqual(said.length);
      // Rounds here are not stored: no comparison with earlier rounds is made up.
      expect(await page.getByTestId('earlier').count()).toBe(0);
      // The customer was told to stop once per interruption, after the reply it was talking over;
      // every spoken turn got one answer on the socket (a silence is the page's, over HTTP).
      expect(told.filter((t) => t === 'hush')).toHaveLength(interruptionsOf(example));
      expect(told.filter((t) => t === 'reply')).toHaveLength(said.length);
    }));
  }
});
