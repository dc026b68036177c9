// The review API over real HTTP: sign-in, sessions that expire, rate limiting, CSRF and origin
// checks, bad input, and the data screens' endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewFixture, SUPERVISOR, type ReviewFixture } from './review-fixture.ts';
import { readAudit } from '../../main/store/audit-log.ts';

let fx: ReviewFixture;
beforeAll(async () => {
  fx = await startReviewFixture();
});
afterAll(async () => {
  await fx.close();
});

interface Signed {
  cookie: string;
  csrf: string;
}

async function call(path: string, init: RequestInit & { signed?: Signed } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.signed) {
    headers.set('cookie', init.signed.cookie);
    if (init.method && init.method !== 'GET') headers.set('x-csrf-token', init.signed.csrf);
  }
  return fetch(new URL(path, fx.url), { ...init, headers });
}

async function signIn(username = SUPERVISOR.username, password = SUPERVISOR.password): Promise<Signed> {
  const res = await call('api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/^kc_review=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
  const body = (await res.json()) as { username: string; csrfToken: string };
  expect(body.username).toBe(SUPERVISOR.username);
  return { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken };
}

describe('sign-in and sessions', () => {
  it('refuses every data route without a session', async () => {
    for (const path of ['api/calls', 'api/agents', `api/calls/${fx.callIds[0]}`, 'api/trends', 'api/export.csv', 'api/session']) {
      expect((await call(path)).status, path).toBe(401);
    }
  });

  it('signs in with the right password, and says nothing about which part was wrong otherwise', async () => {
    const wrongPassword = await call('api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sanne', password: 'fout wachtwoord' }) });
    const unknownUser = await call('api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'niemand', password: 'fout wachtwoord' }) });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownUser.json());
    const s = await signIn();
    expect((await call('api/session', { signed: s })).status).toBe(200);
  });

  it('rate-limits failed attempts per username and per address, with Retry-After, until the window passes', async () => {
    fx.clock.ms += 16 * 60_000; // a fresh window
    const attempt = (username: string, password: string) =>
      call('api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    for (let i = 0; i < 3; i++) expect((await attempt('bram-sup', `gok ${i}`)).status).toBe(401);
    const blocked = await attempt('bram-sup', 'gok 4');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    await signIn(); // another name from the same address still may try (3 of 8 address failures)
    // One address trying many names is stopped as well; then even the right password must wait.
    for (let i = 0; i < 5; i++) expect((await attempt(`naam${i}`, 'gok')).status).toBe(401);
    expect((await attempt('naam9', 'gok')).status).toBe(429);
    expect((await attempt(SUPERVISOR.username, SUPERVISOR.password)).status).toBe(429);
    fx.clock.ms += 16 * 60_000;
    expect((await attempt('bram-sup', 'gok 5')).status).toBe(401);
    await signIn();
  });

  it('ends a session after 30 minutes idle, and on sign-out', async () => {
    const s = await signIn();
    fx.clock.ms += 29 * 60_000;
    expect((await call('api/calls', { signed: s })).status).toBe(200);
    fx.clock.ms += 31 * 60_000;
    expect((await call('api/calls', { signed: s })).status).toBe(401);
    const t = await signIn();
    const out = await call('api/session', { method: 'DELETE', signed: t });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await call('api/calls', { signed: t })).status).toBe(401);
  });
});

describe('writes are CSRF-safe', () => {
  it('needs the CSRF token, a JSON body and a same-origin Origin to mark a finding', async () => {
    const s = await signIn();
    const detail = (await (await call(`api/calls/${fx.callIds[0]}`, { signed: s })).json()) as { findings: { id: number }[] };
    const path = `api/findings/${detail.findings[0]!.id}/mark`;
    const body = JSON.stringify({ verdict: 'wrong', comment: 'klant lachte zelf' });
    const noToken = await call(path, { method: 'PUT', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body });
    expect(noToken.status).toBe(403);
    const form = await call(path, { method: 'PUT', signed: s, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verdict=wrong' });
    expect(form.status).toBe(415);
    const foreign = await call(path, { method: 'PUT', signed: s, headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error).toMatch(/cross-origin request from http:\/\/evil.example refused/);
    const ok = await call(path, { method: 'PUT', signed: s, headers: { 'content-type': 'application/json', origin: new URL(fx.url).origin }, body });
    expect(ok.status).toBe(200);
    const after = (await (await call(`api/calls/${fx.callIds[0]}`, { signed: s })).json()) as { findings: { mark: unknown }[] };
    expect(after.findings[0]!.mark).toMatchObject({ verdict: 'wrong', comment: 'klant lachte zelf', supervisor: 'sanne' });
    expect(readAudit(fx.store, 20).some((a) => a.action === 'mark:wrong' && a.actor === 'sanne')).toBe(true);
  });

  it('answers malformed input with 4xx and a message naming the field', async () => {
    const s = await signIn();
    const bad = await call('api/findings/1/mark', { method: 'PUT', signed: s, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verdict: 'misschien' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^mark: verdict:/);
    const broken = await call('api/findings/1/mark', { method: 'PUT', signed: s, headers: { 'content-type': 'application/json' }, body: '{"verdict":' });
    expect(broken.status).toBe(400);
    const huge = await call('api/findings/1/mark', { method: 'PUT', signed: s, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verdict: 'right', comment: 'x'.repeat(20_000) }) });
    expect(huge.status).toBe(413);
    const missing = await call('api/findings/999999/mark', { method: 'PUT', signed: s, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verdict: 'right' }) });
    expect(missing.status).toBe(404);
    const badDate = await call('api/calls?from=26-11-2026', { signed: s });
    expect(badDate.status).toBe(400);
    expect((await badDate.json()).error).toMatch(/^query: from: expected a date as YYYY-MM-DD/);
    expect((await call('api/calls?behaviour=schreeuwen', { signed: s })).status).toBe(400);
    expect((await call('api/calls/onbekend', { signed: s })).status).toBe(404);
  });
});

describe('data endpoints', () => {
  it('lists and filters calls, and exports the same filter as CSV', async () => {
    const s = await signIn();
    const all = (await (await call('api/calls', { signed: s })).json()) as { total: number; calls: { id: string }[] };
    expect(all.total).toBe(24);
    expect(all.calls[0]!.id).toBe(fx.callIds[0]);
    const bram = (await (await call('api/calls?agent=bram&behaviour=verschuilen', { signed: s })).json()) as { total: number };
    expect(bram.total).toBe(4); // bram has i = 1,4,7,...,22; verschuilen on even i: 4, 10, 16, 22
    const day = (await (await call('api/calls?from=2026-11-26&to=2026-11-26', { signed: s })).json()) as { total: number };
    expect(day.total).toBe(1);
    const csv = await call(`api/export.csv?agent=bram&behaviour=verschuilen&csrf=${s.csrf}`, { signed: s });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="klachtcoach-bevindingen-2026-11-\d\d\.csv"/);
    const rows = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows).toHaveLength(1 + 4); // header and the four calls' one flag each
    expect(rows.slice(1).every((r) => r.includes(',bram,') && r.includes(',verschuilen,'))).toBe(true);
  });

  it('gives weekly trends', async () => {
    const s = await signIn();
    const trends = (await (await call('api/trends?weeks=4', { signed: s })).json()) as { weeks: string[]; callsPerWeek: number[]; series: { behaviour: string }[] };
    expect(trends.weeks).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(trends.callsPerWeek.reduce((a, b) => a + b, 0)).toBeGreaterThan(15);
    expect(trends.series.map((x) => x.behaviour)).toContain('verschuilen');
  });

  it('serves a clear 503 when the page is not built, and never files outside the build', async () => {
    const res = await call('');
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/run `npm run build`/);
    expect((await call('assets/../../package.json')).status).toBe(404);
    expect((await call('%2e%2e/package.json')).status).toBe(404);
  });
});
