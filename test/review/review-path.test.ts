// The review screens live at the same path on both servers that show them: under /review/ on the
// session server (`serve`, the desktop app) and on `klachtcoach review`, so one bookmark or link
// works for either. The stand-alone server sends its root and /review there.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_BASE_PATH, createReviewHandler } from '../../main/review/review-handler.ts';
import { startReviewServer, type RunningReviewServer } from '../../main/review/review-server.ts';
import { SessionServer } from '../../main/session/server.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';

describe('review path', () => {
  let dir: string;
  let store: CallStore;
  let standalone: RunningReviewServer;
  let session: SessionServer;
  let sessionOrigin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-review-path-'));
    writeFileSync(join(dir, 'review.html'), '<!doctype html><html lang="nl"><title>review</title></html>');
    store = openStore(':memory:');
    standalone = await startReviewServer({ store, staticDir: dir, host: '127.0.0.1', port: 0, tls: null });
    session = new SessionServer({
      staticDir: dir,
      review: { basePath: REVIEW_BASE_PATH, lanAccess: false, handler: createReviewHandler({ store, staticDir: dir, basePath: REVIEW_BASE_PATH }) },
    });
    sessionOrigin = (await session.listen()).origin;
  });

  afterAll(async () => {
    await standalone?.close();
    await session?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and its API under /review/ on both servers', async () => {
    for (const origin of [`http://127.0.0.1:${standalone.port}`, sessionOrigin]) {
      const page = await fetch(`${origin}${REVIEW_BASE_PATH}/`);
      expect(page.status, origin).toBe(200);
      expect(await page.text()).toContain('<title>review</title>');
      expect((await fetch(`${origin}${REVIEW_BASE_PATH}/api/session`)).status, origin).toBe(401);
    }
  });

  it('sends the stand-alone server\'s root, and /review without its slash, to /review/', async () => {
    const origin = `http://127.0.0.1:${standalone.port}`;
    for (const path of ['/', REVIEW_BASE_PATH]) {
      const res = await fetch(`${origin}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(`${REVIEW_BASE_PATH}/`);
    }
    expect((await fetch(`${origin}/api/session`)).status).toBe(404);
  });
});
