// Issue 15, item 12: a page on another 127.0.0.1 port is the same site, so the SameSite=Strict
// cookie goes along with a link it opens. The CSV export therefore needs the session's CSRF token
// as well, which only the review page itself knows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewFixture, SUPERVISOR, type ReviewFixture } from '../review/review-fixture.ts';

let fx: ReviewFixture;
let cookie: string;
let csrf: string;
beforeAll(async () => {
  fx = await startReviewFixture();
  const res = await fetch(`${fx.url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SUPERVISOR) });
  expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
});
afterAll(async () => fx.close());

const exportCsv = (query: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${fx.url}api/export.csv${query}`, { headers: { cookie, ...headers } });

describe('CSV export and cross-site requests', () => {
  it('refuses a signed-in export that carries no CSRF token, or a wrong one', async () => {
    expect((await exportCsv('')).status).toBe(403);
    expect((await exportCsv('?agent=anna')).status).toBe(403);
    expect((await exportCsv('?csrf=geraden')).status).toBe(403);
    expect((await exportCsv('', { 'x-csrf-token': 'geraden' })).status).toBe(403);
  });

  it('exports with the token in the link or in the header', async () => {
    const viaLink = await exportCsv(`?agent=anna&csrf=${encodeURIComponent(csrf)}`);
    expect(viaLink.status).toBe(200);
    expect(await viaLink.text()).toContain(',anna,');
    expect((await exportCsv('', { 'x-csrf-token': csrf })).status).toBe(200);
  });
});
