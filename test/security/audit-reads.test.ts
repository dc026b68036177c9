// Issue 15, item 9 (desktop side): every read of agents' data in the review screens leaves an
// audit row that names what was read: the call list, the agent list and the trends, with the
// agent a trends filter named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../main/store/audit-log.ts';
import { startReviewFixture, SUPERVISOR, type ReviewFixture } from '../review/review-fixture.ts';

let fx: ReviewFixture;
let cookie: string;
beforeAll(async () => {
  fx = await startReviewFixture();
  const res = await fetch(`${fx.url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SUPERVISOR) });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => fx.close());

const read = async (path: string): Promise<void> => {
  expect((await fetch(`${fx.url}${path}`, { headers: { cookie } })).status, path).toBe(200);
};
const lastAudit = () => readAudit(fx.store, 1)[0]!;

describe('audit of review reads', () => {
  it('writes a row for the call list, naming the agents whose calls were listed', async () => {
    await read('api/calls?agent=bram');
    expect(lastAudit()).toMatchObject({ actor: SUPERVISOR.username, action: 'calls:list' });
    expect(JSON.parse(lastAudit().target)).toMatchObject({ agentId: 'bram', agents: ['bram'] });
  });

  it('writes a row for the agent list', async () => {
    await read('api/agents');
    expect(lastAudit()).toMatchObject({ action: 'agents:list', target: JSON.stringify(['anna', 'bram', 'chris']) });
  });

  it('writes a row for trends, naming the agent filtered on', async () => {
    await read('api/trends?weeks=4&agent=anna');
    expect(lastAudit()).toMatchObject({ action: 'trends:view', target: 'agent:anna' });
    await read('api/trends?weeks=4');
    expect(lastAudit()).toMatchObject({ action: 'trends:view', target: 'all agents' });
  });

  it('writes a row for a failed sign-in', async () => {
    await fetch(`${fx.url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mallory', password: 'geraden wachtwoord' }) });
    expect(lastAudit()).toMatchObject({ actor: 'mallory', action: 'sign-in:failed' });
  });
});
