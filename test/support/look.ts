// What the browser tests check about how pages look and whether everyone can use them:
// - screenshots for people to look at go to .cache/screenshots/<area>/ (ignored by git), never
//   over tracked files;
// - visual comparisons against tracked baselines in test/visual/baselines/, with a tolerance,
//   so a regression fails (UPDATE_BASELINES=1 writes new baselines; a missing one is written and
//   the test says so);
// - axe-core in the page: no serious or critical accessibility violation.
// The pixel comparison runs in Chromium itself (two images on a canvas), so it needs no image
// library in Node.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Page, PageScreenshotOptions } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_ROOT = join(ROOT, '.cache/screenshots');
export const BASELINES = join(ROOT, 'test/visual/baselines');

/** The folder for one area's screenshots (created). */
export function screenshotDir(area: string): string {
  const dir = join(SCREENSHOT_ROOT, area);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface VisualOptions extends Pick<PageScreenshotOptions, 'fullPage' | 'mask'> {
  /** A pixel counts as changed when a colour channel moves more than this (0–255). */
  channelTolerance?: number;
  /** The share of changed pixels still taken as the same look (anti-aliasing, font hinting). */
  maxChangedShare?: number;
}

export interface VisualResult {
  baseline: string;
  /** Share of pixels that changed; 0 when the baseline was just written. */
  changedShare: number;
  created: boolean;
}

/**
 * Screenshots the page (animations finished, so a fading card is compared at rest) and compares
 * it with test/visual/baselines/<name>.png. The actual image and, on a difference, a diff image go
 * to .cache/screenshots/visual/. Throws when the look changed beyond the tolerance.
 */
export async function expectLook(page: Page, name: string, options: VisualOptions = {}): Promise<VisualResult> {
  const shot = await page.screenshot({ animations: 'disabled', caret: 'hide', ...pick(options) });
  const out = screenshotDir('visual');
  writeFileSync(join(out, `${name}.png`), shot);
  const baseline = join(BASELINES, `${name}.png`);
  if (process.env.UPDATE_BASELINES === '1' || !existsSync(baseline)) {
    mkdirSync(dirname(baseline), { recursive: true });
    writeFileSync(baseline, shot);
    console.log(`visual: wrote baseline ${baseline} (${process.env.UPDATE_BASELINES === '1' ? 'UPDATE_BASELINES=1' : 'there was none'})`);
    return { baseline, changedShare: 0, created: true };
  }
  const diff = await comparePngs(page, readFileSync(baseline), shot, options.channelTolerance ?? 40);
  const maxShare = options.maxChangedShare ?? 0.01;
  if (diff.sizeMismatch || diff.changedShare > maxShare) {
    if (diff.diffPng) writeFileSync(join(out, `${name}.diff.png`), Buffer.from(diff.diffPng, 'base64'));
    throw new Error(
      `visual: ${name} changed: ${diff.sizeMismatch ?? `${(diff.changedShare * 100).toFixed(2)}% of pixels differ (tolerance ${(maxShare * 100).toFixed(2)}%)`}; `
      + `see ${join(out, `${name}.png`)}${diff.diffPng ? ` and ${name}.diff.png` : ''}; if the change is meant, run with UPDATE_BASELINES=1`,
    );
  }
  return { baseline, changedShare: diff.changedShare, created: false };
}

function pick(options: VisualOptions): Pick<PageScreenshotOptions, 'fullPage' | 'mask'> {
  return { ...(options.fullPage ? { fullPage: true } : {}), ...(options.mask ? { mask: options.mask } : {}) };
}

interface PixelDiff {
  changedShare: number;
  sizeMismatch: string | null;
  /** Changed pixels in red over a faded copy of the new image, base64 PNG. */
  diffPng: string | null;
}

/** Compares two PNGs pixel by pixel on a canvas in a blank page of the same browser. */
export async function comparePngs(page: Page, expected: Buffer, actual: Buffer, channelTolerance: number): Promise<PixelDiff> {
  // A page of its own (a context opened by browser.newPage() takes no second page).
  const browser = page.context().browser();
  if (!browser) throw new Error('visual: comparing needs a launched browser');
  const blank = await browser.newPage();
  try {
    return await blank.evaluate(async ([a, b, tolerance]) => {
      const load = async (b64: string): Promise<ImageData> => {
        const image = new Image();
        image.src = `data:image/png;base64,${b64}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        return ctx.getImageData(0, 0, image.width, image.height);
      };
      const [want, got] = [await load(a), await load(b)];
      if (want.width !== got.width || want.height !== got.height) {
        return { changedShare: 1, sizeMismatch: `size ${got.width}×${got.height}, baseline ${want.width}×${want.height}`, diffPng: null };
      }
      const out = new ImageData(got.width, got.height);
      let changed = 0;
      for (let i = 0; i < got.data.length; i += 4) {
        let moved = false;
        for (let c = 0; c < 3; c++) if (Math.abs(got.data[i + c]! - want.data[i + c]!) > tolerance) moved = true;
        if (moved) changed++;
        out.data[i] = moved ? 255 : got.data[i]! / 4;
        out.data[i + 1] = moved ? 0 : got.data[i + 1]! / 4;
        out.data[i + 2] = moved ? 0 : got.data[i + 2]! / 4;
        out.data[i + 3] = 255;
      }
      let diffPng: string | null = null;
      if (changed > 0) {
        const canvas = new OffscreenCanvas(got.width, got.height);
        canvas.getContext('2d')!.putImageData(out, 0, 0);
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        let text = '';
        for (const byte of bytes) text += String.fromCharCode(byte);
        diffPng = btoa(text);
      }
      return { changedShare: changed / (got.width * got.height), sizeMismatch: null, diffPng };
    }, [expected.toString('base64'), actual.toString('base64'), channelTolerance] as const);
  } finally {
    await blank.close();
  }
}

/**
 * Stops the page's clock (Playwright's fake clock) before the page loads, so tip ages and the call
 * clock read the same on every run; time moves only with page.clock.runFor. The real timers are
 * kept aside for axe-core, which needs them to finish.
 */
export async function freezeClock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __realTimers: unknown }).__realTimers = {
      setTimeout: window.setTimeout, clearTimeout: window.clearTimeout, setInterval: window.setInterval,
      clearInterval: window.clearInterval, requestAnimationFrame: window.requestAnimationFrame,
    };
  });
  await page.clock.install({ time: 0 });
  await page.clock.pauseAt(1_000);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations (WCAG 2.x A/AA rules
 * and axe's best practices). Injected as a script, so a page whose CSP forbids inline scripts is
 * checked through the test's own evaluate instead.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // Under a frozen clock axe's own timers would never fire: lend it the real ones meanwhile.
    const real = (window as unknown as { __realTimers?: Record<string, unknown> }).__realTimers;
    const saved = real ? Object.fromEntries(Object.keys(real).map((k) => [k, (window as unknown as Record<string, unknown>)[k]])) : null;
    if (real) Object.assign(window, real);
    let result;
    try {
      result = await axe.run(document, { resultTypes: ['violations'] });
    } finally {
      if (saved) Object.assign(window, saved);
    }
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
