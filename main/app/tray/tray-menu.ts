// The tray menu as data: labels (Dutch, like the rest of the UI), which items are enabled and
// which are checked, all derived from the app state. main.ts turns this into an Electron Menu and
// maps each id to an action; tests pin the menu for every state.
import type { AppState } from '../../contracts/ipc.ts';

export type TrayItemId =
  | 'status'
  | 'headset-hint'
  | 'start-call'
  | 'start-call-with-customer'
  | 'end-call'
  | 'pause'
  | 'click-through'
  | 'pair-tablet'
  | 'practice'
  | 'review'
  | 'settings'
  | 'quit';

export type TrayItem =
  | { kind: 'item'; id: TrayItemId; label: string; enabled: boolean; checked?: boolean; accelerator?: string }
  | { kind: 'separator' };

export const PAUSE_SHORTCUT = 'CommandOrControl+Alt+P';

export function captureStatusLabel(state: AppState): string {
  if (state.call === 'idle') return 'Geen gesprek: er wordt niets opgenomen';
  if (state.paused) return 'Gepauzeerd: er wordt niets opgenomen';
  return state.loopbackThisCall ? 'Luistert: uw microfoon en het klantgeluid' : 'Luistert: alleen uw microfoon';
}

/** Shown while the customer is audible in the agent's microphone (capture/headset-hint.ts). */
export const HEADSET_HINT = 'Tip: gebruik een headset, de klant klinkt door in uw microfoon';

export function trayMenu(state: AppState): TrayItem[] {
  const inCall = state.call === 'active';
  const items: TrayItem[] = [
    { kind: 'item', id: 'status', label: captureStatusLabel(state), enabled: false },
    ...(state.headsetHint ? [{ kind: 'item', id: 'headset-hint', label: HEADSET_HINT, enabled: false } as const] : []),
    { kind: 'separator' },
    { kind: 'item', id: 'start-call', label: 'Gesprek starten (alleen mijn microfoon)', enabled: !inCall && state.firstRunDone },
    { kind: 'item', id: 'start-call-with-customer', label: 'Gesprek starten met klantgeluid…', enabled: !inCall && state.firstRunDone },
    { kind: 'item', id: 'end-call', label: 'Gesprek beëindigen', enabled: inCall },
    {
      kind: 'item', id: 'pause', label: 'Pauze (opname stopt)', enabled: inCall, checked: state.paused, accelerator: PAUSE_SHORTCUT,
    },
    { kind: 'separator' },
    { kind: 'item', id: 'click-through', label: 'Klikken door overlay heen', enabled: true, checked: state.clickThrough },
    { kind: 'item', id: 'pair-tablet', label: 'Tablet koppelen…', enabled: true },
    // Practice uses the microphone and a customer of its own: not while a real call is coached.
    { kind: 'item', id: 'practice', label: inCall ? 'Oefenen (na dit gesprek)' : 'Oefenen met een klant…', enabled: !inCall && state.firstRunDone },
    { kind: 'item', id: 'review', label: 'Gesprekken terugkijken', enabled: true },
    { kind: 'item', id: 'settings', label: 'Instellingen en privacy', enabled: true },
    { kind: 'separator' },
    { kind: 'item', id: 'quit', label: 'Afsluiten', enabled: true },
  ];
  return items;
}

/**
 * The explicit opt-in shown before a call with the customer's audio. Says what is used, what
 * is not, and that it lasts for this call only (research/security.md §5: customer loopback off
 * by default, never transcribed by default).
 */
export const LOOPBACK_OPT_IN = {
  title: 'Klantgeluid gebruiken voor dit gesprek?',
  message: 'Klachtcoach luistert dan ook naar het geluid van uw computer (de klant in uw softphone).',
  detail: [
    'Dit geluid wordt alleen gebruikt om te zien wie wanneer praat (bijvoorbeeld of u iemand onderbreekt).',
    'Het wordt niet uitgeschreven, niet opgeslagen en verlaat deze computer niet.',
    'Alle geluiden van de computer tellen mee; zet meldingsgeluiden tijdens het gesprek uit.',
    'De toestemming geldt alleen voor dit gesprek.',
  ].join('\n'),
  buttons: ['Ja, voor dit gesprek', 'Nee, alleen mijn microfoon', 'Annuleren'],
  /** Index of the button per answer, in the order of `buttons`. */
  answers: ['with-customer', 'mic-only', 'cancel'],
} as const;

export type LoopbackAnswer = (typeof LOOPBACK_OPT_IN.answers)[number];

export function loopbackAnswer(buttonIndex: number): LoopbackAnswer {
  return LOOPBACK_OPT_IN.answers[buttonIndex] ?? 'cancel';
}
