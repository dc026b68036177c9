// The tray icon doubles as the capture indicator (research/security.md §5: an always-visible
// sign when audio is being captured): a red dot while capturing, amber while paused in a call,
// grey otherwise. Drawn in code as raw BGRA pixels, so there is no image file to lose and a
// test can check the colour.
import type { AppState } from '../../contracts/ipc.ts';

export const TRAY_ICON_SIZE = 32;

export type Rgb = readonly [number, number, number];

export const TRAY_COLOURS = {
  capturing: [220, 38, 38],
  paused: [217, 119, 6],
  idle: [120, 120, 120],
} as const satisfies Record<string, Rgb>;

export function trayColour(state: AppState): Rgb {
  if (state.capturing) return TRAY_COLOURS.capturing;
  if (state.call === 'active') return TRAY_COLOURS.paused;
  return TRAY_COLOURS.idle;
}

/** A filled, anti-aliased disc; BGRA as `nativeImage.createFromBitmap` expects. */
export function trayIconBitmap(colour: Rgb, size = TRAY_ICON_SIZE): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      const coverage = Math.max(0, Math.min(1, radius + 0.5 - distance));
      const offset = (y * size + x) * 4;
      pixels[offset] = colour[2];
      pixels[offset + 1] = colour[1];
      pixels[offset + 2] = colour[0];
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}
