// The options `serve` and `demo` take, each with one line of help. parseServeArgs reads the table
// and `--help` prints it, so the help can never leave an option out (the help table is keyed by
// the option table's own names: a new option without a help line does not compile). Kept free of
// the engine's imports, so `klachtcoach demo --help` answers at once.
import type { ParseArgsConfig } from 'node:util';

export const SERVE_OPTIONS = {
  port: { type: 'string' }, host: { type: 'string' }, local: { type: 'boolean', default: false },
  wav: { type: 'string' }, transcript: { type: 'string' }, loop: { type: 'boolean', default: false },
  speed: { type: 'string' }, rules: { type: 'string' }, coach: { type: 'string' }, devices: { type: 'string' },
  db: { type: 'string' }, 'no-store': { type: 'boolean', default: false }, agent: { type: 'string' },
  model: { type: 'string' }, 'review-on-lan': { type: 'boolean', default: false },
  'pair-on-request': { type: 'boolean', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export type ServeOptionName = keyof typeof SERVE_OPTIONS;

interface OptionHelp {
  /** The value's placeholder, for an option that takes one. */
  value?: string;
  text: string;
}

const HELP: Record<ServeOptionName, OptionHelp> = {
  port: { value: 'N', text: 'port of the views and the tablet link (default 8787; 0 picks a free one)' },
  host: { value: 'IP', text: 'address the tablet uses to reach this machine, open all the time (default: the first LAN address, open only while pairing or paired)' },
  local: { text: 'this machine only: no tablet over the network' },
  wav: { value: 'FILE', text: 'play a recorded call (WAV) in real time instead of listening to the capture page' },
  transcript: { value: 'FILE.jsonl', text: "the agent's words of that recording (JSON lines with startMs, endMs, text)" },
  loop: { text: 'play the recording again and again' },
  speed: { value: 'X', text: 'play the recording X times as fast (above 0, at most 50)' },
  rules: { value: 'DIR', text: 'rule folder (default: the bundled rules/)' },
  coach: { value: 'FILE', text: 'coach settings: pacing, tip fading, live confidence (default: rules/coach.yaml)' },
  devices: { value: 'FILE', text: 'keep paired devices in this file, so they stay paired after a restart' },
  db: { value: 'FILE', text: 'call store to record calls in (text only, never audio)' },
  'no-store': { text: 'record nothing: no call history, no review screens' },
  agent: { value: 'NAME', text: 'whose calls these are (default: the signed-in user)' },
  model: { value: 'NAME', text: 'speech model for the agent\'s words (default: the first one installed)' },
  'review-on-lan': { text: 'open the review screens to the network too (plain HTTP: not for passwords on a shared network)' },
  'pair-on-request': { text: 'no pairing code at start: one is made when asked for (type c, or "Tablet koppelen" in the app), and only then does the network open' },
};

/** `--name VALUE  text`, aligned, for the options given; `texts` words some differently (demo). */
export function optionHelpLines(names: readonly ServeOptionName[], texts: Partial<Record<ServeOptionName, string>> = {}): string[] {
  const left = names.map((n) => `--${n}${HELP[n].value ? ` ${HELP[n].value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return names.map((n, i) => `  ${left[i]!.padEnd(width)}${texts[n] ?? HELP[n].text}`);
}

/** What `demo` sets itself: the sample call, on a loop. */
export const DEMO_SETS: readonly ServeOptionName[] = ['wav', 'transcript', 'loop'];

export const DEMO_OPTIONS: readonly ServeOptionName[] = (Object.keys(SERVE_OPTIONS) as ServeOptionName[]).filter((n) => !DEMO_SETS.includes(n));

/** How `demo --help` words the options that mean something else for the demo. */
export const DEMO_HELP: Partial<Record<ServeOptionName, string>> = {
  db: 'record in this call store instead (default: a temporary one, deleted when the demo stops)',
  'no-store': 'record nothing: no summary history, no review screens',
  model: 'not used: the demo brings the agent\'s words of the sample call',
};
