// The recording and speech options of `serve` and `demo`: where calls are stored, who the agent
// is, running without a store, and contradictions refused with a message naming the options.
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../main/cli/serve.ts';
import { execFileSync } from 'node:child_process';
import { choosesStore, demoOptions } from '../../main/cli/demo.ts';
import { DEMO_SETS, SERVE_OPTIONS } from '../../main/cli/serve-options.ts';
import { UserError } from '../../main/cli/user-error.ts';
import { defaultStorePath } from '../../main/store/store-path.ts';
import { freshEngineBundle } from '../app/engine-bundle.ts';

describe('serve recording options', () => {
  it('records into the store at its default path unless told otherwise', () => {
    const opts = parseServeArgs(['--local']);
    expect(opts.db).toBe(defaultStorePath());
    expect(opts.agent.length).toBeGreaterThan(0);
    expect(opts.reviewOnLan).toBe(false);
    expect(opts.model).toBeUndefined();
  });

  it('takes --db, --agent, --model and --review-on-lan', () => {
    const opts = parseServeArgs(['--local', '--db', '/tmp/x.sqlite', '--agent', ' anna ', '--model', 'whisper-base', '--review-on-lan']);
    expect(opts).toMatchObject({ db: '/tmp/x.sqlite', agent: 'anna', model: 'whisper-base', reviewOnLan: true });
  });

  it('--no-store records nothing; with --db it is a contradiction named as such', () => {
    expect(parseServeArgs(['--local', '--no-store']).db).toBeNull();
    expect(() => parseServeArgs(['--no-store', '--db', 'x.sqlite'])).toThrow(/--db and --no-store contradict/);
    expect(() => parseServeArgs(['--no-store', '--db', 'x.sqlite'])).toThrow(UserError);
  });

  it('refuses an empty agent name', () => {
    expect(() => parseServeArgs(['--agent', '  '])).toThrow(/--agent/);
  });
});

describe('demo recording', () => {
  it('records into a temporary store of its own by default, never the real call history', () => {
    expect(choosesStore(['--local'])).toBe(false);
    expect(demoOptions(['--local'], '/tmp/kc-demo-x/calls.sqlite').db).toBe('/tmp/kc-demo-x/calls.sqlite');
  });

  it('records into the store --db names, or nothing with --no-store', () => {
    for (const args of [['--local', '--db', '/tmp/demo.sqlite'], ['--local', '--db=/tmp/demo.sqlite'], ['--no-store']]) expect(choosesStore(args)).toBe(true);
    expect(demoOptions(['--local', '--db', '/tmp/demo.sqlite']).db).toBe('/tmp/demo.sqlite');
    expect(demoOptions(['--local', '--db=/tmp/demo.sqlite']).db).toBe('/tmp/demo.sqlite');
    expect(demoOptions(['--no-store']).db).toBeNull();
  });

  it('lists every option it takes in --help, and says which ones it sets itself', () => {
    // What `npm run demo -- --help` runs: bin/klachtcoach.mjs on the engine bundle (rebuilt if stale).
    freshEngineBundle();
    const help = execFileSync(process.execPath, ['bin/klachtcoach.mjs', 'demo', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/^ {2}--pair-on-request\b/m);
    for (const name of Object.keys(SERVE_OPTIONS)) {
      if (DEMO_SETS.includes(name as never)) expect(help).toMatch(new RegExp(`sets --wav, --transcript and --loop itself`));
      else expect(help).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
    }
  });
});
