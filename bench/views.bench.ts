// How fast a tip reaches the screen inside the tablet page: from the session client handing the
// page a tip to (a) the tip card in the DOM and (b) the next frame painted after it. Runs the
// built page in Chromium (the scripted client stands in for the socket; the socket and crypto
// part of the path is measured by the session's own benchmark).
import { existsSync } from 'node:fs';
import { buildPages, CHROMIUM, launchChromium, serveStatic } from '../test/views/browser-harness.ts';
import { fmt, median, percentile } from './stats.ts';

const ROUNDS = 200;

export default async function bench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`views: skipped, ${CHROMIUM} is not installed`);
    return;
  }
  const server = await serveStatic(await buildPages());
  const browser = await launchChromium();
  try {
    for (const [name, width, height] of [['phone', 390, 844], ['tablet', 1024, 768]] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.origin}/tablet.html?scripted`);
      await page.waitForFunction(() => window.__klachtcoachScripted !== undefined);
      const { domMs, paintMs } = await page.evaluate(async (rounds) => {
        const client = window.__klachtcoachScripted!;
        client.emit('status', { status: 'connected' });
        const domMs: number[] = [];
        const paintMs: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const id = `bench-${i}`;
          const t0 = performance.now();
          const inDom = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (document.querySelector(`[data-tip-id="${id}"]`)) {
                observer.disconnect();
                resolve(performance.now());
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          });
          client.emit('tip', {
            id, kind: 'flag', behaviour: 'verschuilen', ruleId: 'bench', atMs: i * 1000,
            tip: "Spreek namens jezelf: 'Ik zorg dat…'", severity: 'medium', source: 'text',
          });
          const tDom = await inDom;
          const tPaint = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
          domMs.push(tDom - t0);
          paintMs.push(tPaint - t0);
        }
        return { domMs, paintMs };
      }, ROUNDS);
      console.log(`tablet page (${name} ${width}x${height}), ${ROUNDS} tips: tip in DOM median ${fmt(median(domMs))} ms, p95 ${fmt(percentile(domMs, 95))} ms; next frame median ${fmt(median(paintMs))} ms, p95 ${fmt(percentile(paintMs, 95))} ms`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
