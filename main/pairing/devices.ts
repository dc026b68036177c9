// The paired-device list the agent sees on the desktop. A device is `pending` from a valid pairing
// request until the agent accepts (→ `paired`) or refuses (→ removed). Revoking removes it, so its
// key no longer opens anything. Optionally kept in a JSON file so a tablet stays paired across
// restarts; the file is written whole to a temp file, fsynced and renamed, so a crash mid-write
// never loses the list.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { z } from 'zod';
import type { DeviceInfo, DeviceRole } from '../contracts/protocol.ts';
import { fromBase64Url, randomBytes, toBase64Url, KEY_BYTES } from '../contracts/sealed.ts';

export interface Device {
  deviceId: string;
  name: string;
  role: DeviceRole;
  key: Uint8Array;
  status: 'pending' | 'paired';
  requestedAtMs: number;
  pairedAtMs: number | null;
  /** While pending: the six digits the device shows (from the pairing exchange). */
  confirmCode: string | null;
}

const StoredDevices = z.object({
  version: z.literal(1),
  devices: z.array(z.object({
    deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    name: z.string().max(80),
    role: z.enum(['viewer', 'desktop']),
    key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    pairedAtMs: z.number(),
  })),
});

export function newDeviceId(): string {
  return toBase64Url(randomBytes(12));
}

/** Keeps a device name printable and short: it is shown to the agent, who decides on it. */
export function cleanDeviceName(name: string): string {
  const cleaned = name.replace(/[\p{C}]/gu, '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return cleaned || 'Onbekend apparaat';
}

export class DeviceRegistry {
  private readonly devices = new Map<string, Device>();

  constructor(private readonly file: string | null = null, private readonly now: () => number = Date.now) {
    if (file && existsSync(file)) this.load(file);
  }

  get(deviceId: string): Device | undefined {
    return this.devices.get(deviceId);
  }

  addPending(name: string, role: DeviceRole, key: Uint8Array, confirmCode: string | null = null): Device {
    const device: Device = { deviceId: newDeviceId(), name: cleanDeviceName(name), role, key, status: 'pending', requestedAtMs: this.now(), pairedAtMs: null, confirmCode };
    this.devices.set(device.deviceId, device);
    return device;
  }

  /** A desktop device (overlay, capture page on the agent's own machine) needs no approval. */
  addDesktop(name: string): Device {
    const device = this.addPending(name, 'desktop', randomBytes(KEY_BYTES));
    device.status = 'paired';
    device.pairedAtMs = this.now();
    // Desktop links are minted per run and not persisted: they live in the URL serve printed.
    return device;
  }

  accept(deviceId: string): Device | null {
    const d = this.devices.get(deviceId);
    if (!d || d.status !== 'pending') return null;
    d.status = 'paired';
    d.pairedAtMs = this.now();
    d.confirmCode = null;
    this.save();
    return d;
  }

  /** Removes a device (refused, revoked or timed out). True if it existed. */
  remove(deviceId: string): boolean {
    const existed = this.devices.delete(deviceId);
    if (existed) this.save();
    return existed;
  }

  list(connected: (deviceId: string) => boolean): DeviceInfo[] {
    return [...this.devices.values()].map((d) => ({
      deviceId: d.deviceId, name: d.name, role: d.role, status: d.status, pairedAt: d.pairedAtMs, connected: connected(d.deviceId),
      ...(d.confirmCode ? { confirmCode: d.confirmCode } : {}),
    }));
  }

  private load(file: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: paired-device list is not readable JSON (${(err as Error).message}); move it aside to start with no paired devices`, { cause: err });
    }
    const parsed = StoredDevices.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: ${issue.path.join('.') || 'file'}: ${issue.message}`);
    }
    for (const d of parsed.data.devices) {
      const key = fromBase64Url(d.key);
      if (!key || key.length !== KEY_BYTES) throw new Error(`${file}: device ${d.deviceId}: key is not ${KEY_BYTES} bytes`);
      this.devices.set(d.deviceId, { deviceId: d.deviceId, name: d.name, role: d.role, key, status: 'paired', requestedAtMs: d.pairedAtMs, pairedAtMs: d.pairedAtMs, confirmCode: null });
    }
  }

  private save(): void {
    if (!this.file) return;
    const devices = [...this.devices.values()]
      .filter((d) => d.status === 'paired' && d.role === 'viewer')
      .map((d) => ({ deviceId: d.deviceId, name: d.name, role: d.role, key: toBase64Url(d.key), pairedAtMs: d.pairedAtMs ?? 0 }));
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ version: 1, devices }, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
