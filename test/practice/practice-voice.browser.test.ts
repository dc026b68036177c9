// The Oefenen page answered by voice, end to end in Chromium: an espeak-ng WAV is the fake
// microphone, the page's capture graph (the capture page's AudioWorklet) sends it to the round's
// voice socket, the practice server runs the real Silero VAD and LiveAgentSpeech on it. The words
// come from a transcript track (the sentences the WAV says, in order), because the tiny test
// Whisper makes no Dutch; test/asr/speech-worker.test.ts covers that model. Everything else is
// real time on a real clock: the customer waits for the end of the trainee's turn, stops when
// talked over, and the score card comes from what was said.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpeechRecogniser } from '../../main/asr/transcript.ts';
import { TranscriptTrack } from '../support/transcript-track.ts';
import { loadCoachConfig } from '../../main/coach/load-coach-config.ts';
import { sileroCallVad } from '../../main/engine/analyze-call.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { CUSTOMER_WAIT_MS, speakingMs } from '../../main/practice/practice-session.ts';
import { PracticeRounds } from '../../main/practice/practice-rounds.ts';
import { PracticeServer } from '../../main/practice/practice-server.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';
import type { Scenario } from '../../main/practice/scenario-schema.ts';
import type { ScoreCard } from '../../main/practice/score-card.ts';
import { buildPage, chromiumMissing, launchChromium } from '../app/page-harness.ts';

const missing = [...(chromiumMissing ? ['/usr/bin/chromium'] : []), ...['/usr/bin/espeak-ng', '/usr/bin/sox'].filter((t) => !existsSync(t))];
if (missing.length > 0) console.warn(`Oefenen voice test skipped: ${missing.join(', ')} not installed`);

const SHOTS = resolve(import.meta.dirname, '../../.cache/screenshots/practice');

type Piece = { silenceMs: number } | { say: string };

/** One 16 kHz mono WAV: espeak-ng's Dutch voice for each sentence, exact silences between. */
function makeWav(dir: string, name: string, pieces: readonly Piece[]): string {
  const files = pieces.map((p, i) => {
    const out = join(dir, `${name}-${i}.wav`);
    if ('silenceMs' in p) execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', out, 'trim', '0', (p.silenceMs / 1000).toFixed(3)]);
    else {
      execFileSync('espeak-ng', ['-v', 'nl', '-s', '150', '-w', `${out}.raw.wav`, p.say]);
      execFileSync('sox', [`${out}.raw.wav`, '-r', '16000', '-c', '1', '-b', '16', out, 'norm', '-3']);
    }
    return out;
  });
  const wav = join(dir, `${name}.wav`);
  execFileSync('sox', [...files, wav]);
  return wav;
}

describe.skipIf(missing.length > 0)('Oefenen by voice (fake microphone)', () => {
  let dir = '';
  let pageDir = '';
  let server: PracticeServer;
  let url = '';
  let scenario: Scenario;
  const finished: ScoreCard[] = [];
  let track: TranscriptTrack;
  const browsers: Browser[] = [];

  /** How long the customer takes to say a line, as the round times it. */
  const lineMs = (id: string): number => speakingMs(id === 'opening' ? scenario.opening : scenario.lines.find((l) => l.id === id)!.say);
  /** Silence after a sentence until the customer has finished `id`, plus the trainee's pause. */
  const waitFor = (id: string): Piece => ({ silenceMs: CUSTOMER_WAIT_MS + lineMs(id) + 1200 });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'kc-voice-'));
    pageDir = await buildPage('oefenen');
    scenario = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).find((l) => l.scenario.id === 'lekkage-derde-keer')!.scenario;
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const rounds = new PracticeRounds({
      scenarios: [scenario], engine, timingRules: timingRuntimes(engine), coachConfig: loadCoachConfig(),
      onFinished: (card) => finished.push(card),
    });
    const recogniser: SpeechRecogniser = { transcribe: (audio) => track.transcribe(audio) };
    server = new PracticeServer({ rounds, staticDir: pageDir, port: 0, voice: { recogniser, model: 'transcript track', vad: () => sileroCallVad(false) } });
    url = await server.listen();
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(pageDir, { recursive: true, force: true });
  });

  /** What the server told the page on the voice socket, by message type. */
  let told: string[] = [];

  /** A browser whose microphone plays the WAV once, from when the page opens it. */
  async function pageWithMicrophone(wav: string): Promise<Page> {
    told = [];
    const browser = await launchChromium([
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`, '--autoplay-policy=no-user-gesture-required',
    ]);
    browsers.push(browser);
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    page.on('websocket', (ws) => ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string') told.push((JSON.parse(f.payload) as { type: string }).type);
    }));
    await page.goto(`${url}?scenario=lekkage-derde-keer`);
    await page.getByRole('radio', { name: /Met je stem/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Met je stem/ }).isChecked()).toBe(true);
    return page;
  }

  async function playRound(page: Page, shot: string): Promise<ScoreCard> {
    const before = finished.length;
    await page.getByRole('button', { name: 'Begin het gesprek' }).click();
    await page.getByTestId('mic').waitFor();
    // While the first sentence is being said, the page shows the trainee talking.
    await expect.poll(() => page.getByTestId('mic').getAttribute('data-speaking'), { timeout: 30_000, interval: 100 }).toBe('yes');
    await page.screenshot({ path: join(SHOTS, `${shot}-praat.png`) });
    await page.getByTestId('score-card').waitFor({ timeout: 90_000 });
    await page.screenshot({ path: join(SHOTS, `${shot}-score.png`), fullPage: true });
    expect(finished.length).toBe(before + 1);
    return finished.at(-1)!;
  }

  it('a good round by voice: the customer waits for each whole turn, calms down, and every goal is shown', async () => {
    const said = [
      'Wat vervelend dat u hier al voor de derde keer over moet bellen.',
      'Kunt u vertellen wat er precies gebeurd is?',
      'Ik regel dat er morgen tussen acht en twaalf een monteur komt en ik bel u morgenmiddag terug.',
    ];
    track = new TranscriptTrack(said);
    const wav = makeWav(dir, 'goed', [
      { silenceMs: lineMs('opening') + 1200 }, { say: said[0]! }, waitFor('rustiger'), { say: said[1]! }, waitFor('details'),
      { say: said[2]! }, { silenceMs: 3000 },
    ]);
    const page = await pageWithMicrophone(wav);
    const card = await playRound(page, 'stem-goed');
    expect(card.path).toEqual(['rustiger', 'details', 'afspraak']);
    expect(card.interruptions).toBe(0);
    for (const goal of ['begrip_tonen', 'doorvragen', 'vervolgstappen']) {
      expect(await page.getByTestId(`goal-${goal}`).textContent()).toMatch(/^✓ Gedaan/);
    }
    // The VAD cut each sentence whole: three utterances of real speech, each over a second long.
    expect(track.heardMs).toHaveLength(3);
    for (const ms of track.heardMs) expect(ms).toBeGreaterThan(1000);
    expect(await page.getByTestId('talk-facts').textContent()).toContain('Klant onderbroken: 0×');
    // The customer was never told to stop; every turn got one answer.
    expect(told.filter((t) => t === 'hush')).toHaveLength(0);
    expect(told.filter((t) => t === 'reply')).toHaveLength(3);
  });

  it('a poor round by voice: talking over the customer stops them, counts as interrupting, and the card says so', async () => {
    const said = [
      'Daar ga ik niet over want dat heeft de directie zo besloten.',
      'Ja ja ik hoor het al.',
      'Het is maar een kleine lekkage hoor dat valt wel mee.',
    ];
    track = new TranscriptTrack(said);
    const wav = makeWav(dir, 'slecht', [
      { silenceMs: lineMs('opening') + 1200 }, { say: said[0]! },
      // 1.5 s into the customer's angry answer: talking over them.
      { silenceMs: CUSTOMER_WAIT_MS + 1500 }, { say: said[1]! }, waitFor('onderbroken'),
      { say: said[2]! }, { silenceMs: 3000 },
    ]);
    const page = await pageWithMicrophone(wav);
    const card = await playRound(page, 'stem-slecht');
    expect(card.path).toEqual(['boos', 'onderbroken', 'leidinggevende']);
    expect(card.interruptions).toBe(1);
    expect(card.slips.map((s) => s.behaviour)).toEqual(expect.arrayContaining(['verschuilen', 'onderbreken']));
    for (const goal of ['begrip_tonen', 'doorvragen', 'vervolgstappen']) {
      expect(await page.getByTestId(`goal-${goal}`).textContent()).toMatch(/^✗ Gemist/);
    }
    expect(await page.getByTestId('talk-facts').textContent()).toContain('Klant onderbroken: 1×');
    expect(await page.getByTestId('slip-verschuilen').textContent()).toContain('dat heeft de directie zo besloten');
    // The customer was stopped once, when the second sentence came in over their line.
    expect(told.filter((t) => t === 'hush')).toHaveLength(1);
    expect(told.indexOf('hush')).toBeGreaterThan(told.indexOf('reply'));
  });
});
