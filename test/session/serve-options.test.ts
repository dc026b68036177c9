// The recording and speech options of `serve` and `demo`: where calls are stored, who the agent
// is, running without a store, and contradictions refused with a message naming the options.
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../main/cli/serve.ts';
import { demoOptions } from '../../main/cli/demo.ts';
import { UserError } from '../../main/cli/user-error.ts';
import { defaultStorePath } from '../../main/store/store-path.ts';

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
  it('records nothing by default (the sample call on a loop is not a real call)', () => {
    expect(demoOptions(['--local']).db).toBeNull();
  });

  it('records into a store of its own when --db is given, so the review screens can be shown', () => {
    expect(demoOptions(['--local', '--db', '/tmp/demo.sqlite']).db).toBe('/tmp/demo.sqlite');
    expect(demoOptions(['--local', '--db=/tmp/demo.sqlite']).db).toBe('/tmp/demo.sqlite');
  });
});
