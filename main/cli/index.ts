// Command-line entry. Each command lives in its own module and is loaded only when called,
// so `klachtcoach --help` stays fast and a command's heavy dependencies (onnxruntime, sqlite)
// load only for the command that needs them.
import { UserError } from './user-error.ts';
import { DEMO_HELP, DEMO_OPTIONS, optionHelpLines, SERVE_OPTIONS, type ServeOptionName } from './serve-options.ts';

export interface Command {
  summary: string;
  usage: string;
  /** Every option with a line of help, for `COMMAND --help` (commands whose options are tabled). */
  options?: readonly string[];
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

export const COMMANDS: Record<string, Command> = {
  analyze: { summary: 'Coach a call afterwards: findings for a call recording (.wav) or a transcript (.jsonl)', usage: 'analyze FILE.wav|FILE.jsonl [--json] [--coach FILE] [--transcript FILE.jsonl] [--model NAME] [--realtime] [--turns] [--swap-channels]', load: () => import('./analyze.ts') },
  eval: { summary: 'Score the rules and the learned scorer on labelled utterances (precision, recall, F1, sources, calibration, the live bar)', usage: 'eval FILE.jsonl|corpus-dev [--field text|asr|asrHeavy] [--json] [--misses] [--threshold X] [--model FILE | --no-model]', load: () => import('./eval.ts') },
  models: { summary: 'The local Dutch speech models: list, download (hub or mirror), install from a folder, export to one', usage: 'models list | models download NAME [--mirror URL] [--accept-hub-sums] | models install NAME --from DIR | models export NAME DIR', load: () => import('./models.ts') },
  review: { summary: 'Supervisor review screens over HTTP; supervisor accounts, retention, agent export/delete, marks as training lines', usage: 'review [serve|add-supervisor NAME|retention|export-agent AGENT|delete-call ID|export-marks [--out FILE]] [--db FILE]', load: () => import('./review.ts') },
  rules: { summary: 'Validate rule files and run their examples; per-rule stats from supervisor marks', usage: 'rules check [DIR] | rules stats [--json] [--db FILE]', load: () => import('./rules.ts') },
  serve: { summary: 'Live session: serve the overlay and tablet views, pair devices, coach from the capture page or a --wav call', usage: 'serve [--port N] [--host IP | --local] [--pair-on-request] [--wav FILE [--transcript FILE.jsonl] [--loop] [--speed X]] [--devices FILE] [--rules DIR] [--coach FILE]', options: optionHelpLines(Object.keys(SERVE_OPTIONS) as ServeOptionName[]), load: () => import('./serve.ts') },
  practice: { summary: 'Practise a complaint call against a scripted customer on the Oefenen page, coached live and scored', usage: 'practice [SCENARIO] [--examen] [--port N] [--scenarios DIR] [--rules DIR] [--db FILE | --no-store] [--agent NAME] | practice export [--agent NAME] [--scenario ID] [--out FILE.csv] [--db FILE]', load: () => import('./practice.ts') },
  demo: { summary: 'Live demo: plays the bundled sample call in real time, records it in a temporary call store (deleted at the end) and prints the tablet, overlay, summary and review links', usage: 'demo [options]', options: [...optionHelpLines(DEMO_OPTIONS, DEMO_HELP), '  (the demo sets --wav, --transcript and --loop itself: the sample call, again and again)'], load: () => import('./demo.ts') },
  team: { summary: 'Enrol this desktop with the team server, or show its sync state', usage: 'team enrol --server URL --code CODE [--ca FILE] [--name DEVICE] [--db FILE] | team status [--db FILE] [--json]', load: () => import('./team.ts') },
  'team-server': { summary: 'Team review server on PostgreSQL (DATABASE_URL): sync from desktops, supervisor review', usage: 'team-server [serve|migrate|init-org NAME|purge] [--host H] [--port N] [--cert FILE --key FILE]', load: () => import('./team-server.ts') },
};

function help(): string {
  const lines = ['klachtcoach: live coach for complaint calls', '', 'Usage: klachtcoach <command> [options]', '', 'Commands:'];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${cmd.summary}`);
  lines.push('', 'Run `klachtcoach <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`klachtcoach: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log([`Usage: klachtcoach ${cmd.usage}`, '', cmd.summary, ...(cmd.options ? ['', 'Options:', ...cmd.options] : [])].join('\n'));
    return 0;
  }
  try {
    const mod = await cmd.load();
    return await mod.run(rest);
  } catch (err) {
    // Expected problems (bad input, missing model) are UserErrors with a message meant for people.
    if (err instanceof UserError) {
      console.error(`klachtcoach ${name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}
