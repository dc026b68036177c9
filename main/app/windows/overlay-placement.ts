// Where the overlay goes. It remembers its place between runs, but a saved place can be stale:
// a second monitor unplugged, a resolution changed. A saved place is used only if enough of it
// is visible on a current display; otherwise the overlay goes to the top-right corner of the
// primary display's work area, out of the way of a softphone that usually sits left or centre.
import type { Rect } from '../settings/settings-store.ts';

export const OVERLAY_SIZE = { width: 360, height: 180 } as const;
export const OVERLAY_MARGIN_PX = 16;
/** At least this much of the overlay, each way, must be on a display to count as reachable. */
export const MIN_VISIBLE_PX = 48;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

export function defaultOverlayBounds(primaryWorkArea: Rect): Rect {
  const width = Math.min(OVERLAY_SIZE.width, primaryWorkArea.width);
  const height = Math.min(OVERLAY_SIZE.height, primaryWorkArea.height);
  return {
    x: primaryWorkArea.x + primaryWorkArea.width - width - OVERLAY_MARGIN_PX,
    y: primaryWorkArea.y + OVERLAY_MARGIN_PX,
    width,
    height,
  };
}

/** The saved place when it is still reachable on one of `workAreas`, else the default place. */
export function placeOverlay(saved: Rect | null, workAreas: readonly Rect[], primaryWorkArea: Rect): Rect {
  if (saved !== null) {
    const reachable = workAreas.some((area) => {
      const o = overlap(saved, area);
      // The top strip must be visible too, or the agent cannot grab it to move it.
      const topVisible = saved.y >= area.y && saved.y < area.y + area.height;
      return o.width >= MIN_VISIBLE_PX && o.height >= MIN_VISIBLE_PX && topVisible;
    });
    if (reachable) return saved;
  }
  return defaultOverlayBounds(primaryWorkArea);
}
