import { describe, expect, it } from 'vitest';
import { defaultOverlayBounds, OVERLAY_MARGIN_PX, placeOverlay } from '../../main/app/windows/overlay-placement.ts';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const left = { x: -1280, y: 0, width: 1280, height: 1024 };

describe('overlay placement', () => {
  it('defaults to the top-right corner of the primary work area', () => {
    expect(defaultOverlayBounds(primary)).toEqual({ x: 1920 - 360 - OVERLAY_MARGIN_PX, y: OVERLAY_MARGIN_PX, width: 360, height: 180 });
  });

  it('keeps a remembered place that is still on a display, including a second monitor', () => {
    const saved = { x: -900, y: 300, width: 400, height: 200 };
    expect(placeOverlay(saved, [primary, left], primary)).toEqual(saved);
  });

  it('moves it back when its monitor is gone', () => {
    const saved = { x: -900, y: 300, width: 400, height: 200 };
    expect(placeOverlay(saved, [primary], primary)).toEqual(defaultOverlayBounds(primary));
  });

  it('moves it back when only a sliver or no grab strip would be visible', () => {
    expect(placeOverlay({ x: 1900, y: 100, width: 360, height: 180 }, [primary], primary)).toEqual(defaultOverlayBounds(primary));
    expect(placeOverlay({ x: 100, y: -150, width: 360, height: 180 }, [primary], primary)).toEqual(defaultOverlayBounds(primary));
  });

  it('fits the default inside a tiny display', () => {
    const tiny = { x: 0, y: 0, width: 300, height: 100 };
    const placed = placeOverlay(null, [tiny], tiny);
    expect(placed.width).toBeLessThanOrEqual(300);
    expect(placed.height).toBeLessThanOrEqual(100);
  });
});
