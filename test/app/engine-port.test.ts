// The engine keeps its loopback port between runs when it can (settings `enginePort`): the app's
// pages' origin includes the port, and Chromium gives microphone ids per origin.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort, preferredLoopbackPort } from '../../main/app/engine/free-port.ts';
import { AppSettings } from '../../main/app/settings/settings-store.ts';

describe('preferredLoopbackPort', () => {
  let holder: Server | undefined;
  afterEach(() => new Promise<void>((done) => (holder ? holder.close(() => done()) : done())));

  it('gives the remembered port back when it is free', async () => {
    const port = await freeLoopbackPort();
    await expect(preferredLoopbackPort(port)).resolves.toBe(port);
  });

  it('falls back to another free port when something else holds it', async () => {
    const port = await freeLoopbackPort();
    holder = createServer();
    await new Promise<void>((ok) => holder!.listen(port, '127.0.0.1', ok));
    const other = await preferredLoopbackPort(port);
    expect(other).not.toBe(port);
    // ...and that one really is free.
    const probe = createServer();
    await new Promise<void>((ok, fail) => probe.once('error', fail).listen(other, '127.0.0.1', ok));
    await new Promise<void>((ok) => probe.close(() => ok()));
  });

  it('with nothing remembered, any free port', async () => {
    expect(await preferredLoopbackPort(null)).toBeGreaterThan(0);
  });
});

describe('settings: enginePort', () => {
  it('a settings file from before the field still loads (no port remembered)', () => {
    const old = { version: 1, overlayBounds: null, micDeviceId: 'mic-7', clickThrough: false, firstRunDone: true };
    expect(AppSettings.parse(old).enginePort).toBeNull();
  });

  it('refuses a port the app would never pick', () => {
    const base = { version: 1, overlayBounds: null, micDeviceId: null, clickThrough: false, firstRunDone: true };
    expect(AppSettings.safeParse({ ...base, enginePort: 80 }).success).toBe(false);
    expect(AppSettings.safeParse({ ...base, enginePort: 70_000 }).success).toBe(false);
  });
});
