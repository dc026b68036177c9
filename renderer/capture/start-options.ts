// The capture page's start options in its URL. The desktop app opens the page in a HIDDEN window
// (main/app/windows/window-manager.ts) with `?autostart=1&mic=ID&loopback=1|0`: nobody can click
// Start there, so the page starts by itself with the given microphone and, with loopback=1,
// adds the customer's audio through getDisplayMedia. The URL is a trust boundary (anyone can
// type one), so it is parsed with zod, and a bad value is reported instead of half-used.
import { z } from 'zod';

export interface CaptureStartOptions {
  /** Start capture at once, without a click. */
  autostart: boolean;
  /** The agent's microphone (`MediaDeviceInfo.deviceId`), or null for the system default. */
  micDeviceId: string | null;
  /** Add the customer's audio from system loopback (getDisplayMedia). */
  loopback: boolean;
}

const Flag = z.enum(['0', '1']).transform((v) => v === '1');
// The same shape main/contracts/ipc.ts allows for a device id.
const DeviceId = z.string().min(1).max(256).regex(/^[\x20-\x7e]+$/, 'printable ASCII only');

const Query = z.object({
  autostart: Flag.optional(),
  mic: DeviceId.optional(),
  loopback: Flag.optional(),
});

export type StartOptionsResult = { ok: true; options: CaptureStartOptions } | { ok: false; error: string };

export function parseCaptureStart(search: string): StartOptionsResult {
  const params = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const key of ['autostart', 'mic', 'loopback'] as const) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = Query.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `page address: ${issue.path.join('.')}: ${issue.message}` };
  }
  return {
    ok: true,
    options: { autostart: parsed.data.autostart ?? false, micDeviceId: parsed.data.mic ?? null, loopback: parsed.data.loopback ?? false },
  };
}
