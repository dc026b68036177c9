import { describe, expect, it } from 'vitest';
import { initialState, reduce } from '../../main/app/state/app-state.ts';
import { TRAY_COLOURS, TRAY_ICON_SIZE, trayColour, trayIconBitmap } from '../../main/app/tray/tray-icon.ts';
import { LOOPBACK_OPT_IN, loopbackAnswer, trayMenu, type TrayItem } from '../../main/app/tray/tray-menu.ts';
import { PRACTICE_PAGE, practiceArgs } from '../../main/app/tray/practice-launch.ts';

const idle = initialState({ micDeviceId: null, clickThrough: false, firstRunDone: true });
const inCall = reduce(idle, { type: 'start-call', loopback: true });
const paused = reduce(inCall, { type: 'set-paused', paused: true });

const item = (items: TrayItem[], id: string) => items.find((i) => i.kind === 'item' && i.id === id) as Extract<TrayItem, { kind: 'item' }>;

describe('tray menu', () => {
  it('offers every action the issue names', () => {
    const ids = trayMenu(idle).flatMap((i) => (i.kind === 'item' ? [i.id] : []));
    expect(ids).toEqual(expect.arrayContaining(['start-call', 'start-call-with-customer', 'end-call', 'pause', 'pair-tablet', 'review', 'settings', 'quit']));
  });

  it('idle: start enabled, end and pause disabled, status says nothing is recorded', () => {
    const menu = trayMenu(idle);
    expect(item(menu, 'start-call').enabled).toBe(true);
    expect(item(menu, 'end-call').enabled).toBe(false);
    expect(item(menu, 'pause').enabled).toBe(false);
    expect(item(menu, 'status').label).toMatch(/niets opgenomen/);
  });

  it('in a call: end and pause enabled, status names what is captured', () => {
    const menu = trayMenu(inCall);
    expect(item(menu, 'start-call').enabled).toBe(false);
    expect(item(menu, 'end-call').enabled).toBe(true);
    expect(item(menu, 'pause')).toMatchObject({ enabled: true, checked: false, accelerator: 'CommandOrControl+Alt+P' });
    expect(item(menu, 'status').label).toMatch(/klantgeluid/);
  });

  it('paused: pause is checked and the status says nothing is recorded', () => {
    const menu = trayMenu(paused);
    expect(item(menu, 'pause').checked).toBe(true);
    expect(item(menu, 'status').label).toMatch(/Gepauzeerd/);
  });

  it('shows the headset hint only while it is on', () => {
    expect(item(trayMenu(inCall), 'headset-hint')).toBeUndefined();
    const hinted = reduce(inCall, { type: 'set-headset-hint', show: true });
    expect(item(trayMenu(hinted), 'headset-hint')).toMatchObject({ enabled: false, label: expect.stringMatching(/headset/) });
  });

  it('no call can start before the first-run privacy notice is done', () => {
    const fresh = initialState({ micDeviceId: null, clickThrough: false, firstRunDone: false });
    expect(item(trayMenu(fresh), 'start-call').enabled).toBe(false);
    expect(item(trayMenu(fresh), 'start-call-with-customer').enabled).toBe(false);
  });

  it('the opt-in says the customer audio is not transcribed or stored, for this call only', () => {
    expect(LOOPBACK_OPT_IN.detail).toMatch(/niet uitgeschreven, niet opgeslagen/);
    expect(LOOPBACK_OPT_IN.detail).toMatch(/alleen voor dit gesprek/);
    expect(LOOPBACK_OPT_IN.buttons).toHaveLength(LOOPBACK_OPT_IN.answers.length);
    expect(loopbackAnswer(0)).toBe('with-customer');
    expect(loopbackAnswer(1)).toBe('mic-only');
    expect(loopbackAnswer(7)).toBe('cancel');
  });
});

describe('tray icon as capture indicator', () => {
  it('is red while capturing, amber while paused, grey when idle', () => {
    expect(trayColour(inCall)).toEqual(TRAY_COLOURS.capturing);
    expect(trayColour(paused)).toEqual(TRAY_COLOURS.paused);
    expect(trayColour(idle)).toEqual(TRAY_COLOURS.idle);
  });

  it('draws an opaque disc in that colour (BGRA) with transparent corners', () => {
    const px = trayIconBitmap(TRAY_COLOURS.capturing);
    expect(px.length).toBe(TRAY_ICON_SIZE * TRAY_ICON_SIZE * 4);
    const centre = ((TRAY_ICON_SIZE / 2) * TRAY_ICON_SIZE + TRAY_ICON_SIZE / 2) * 4;
    expect([...px.subarray(centre, centre + 4)]).toEqual([38, 38, 220, 255]);
    expect(px[3]).toBe(0);
  });

  it('Oefenen: offered between calls once set up, never during a call; starts `practice` on a loopback port', () => {
    expect(item(trayMenu(idle), 'practice')).toMatchObject({ label: 'Oefenen met een klant…', enabled: true });
    expect(item(trayMenu(inCall), 'practice')).toMatchObject({ label: 'Oefenen (na dit gesprek)', enabled: false });
    expect(item(trayMenu(initialState({ micDeviceId: null, clickThrough: false, firstRunDone: false })), 'practice').enabled).toBe(false);
    expect(practiceArgs(43124)).toEqual(['practice', '--port', '43124']);
    expect(() => practiceArgs(0)).toThrow(/out of range/);
    expect(PRACTICE_PAGE).toBe('/oefenen.html');
  });
});
