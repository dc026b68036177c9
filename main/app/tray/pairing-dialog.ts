// "Tablet koppelen": shows the engine's current pairing offer as a QR code plus the code to type.
// The agent then accepts the tablet on the overlay's device list (the session server asks there).
import { dialog, nativeImage } from 'electron';
import QRCode from 'qrcode';
import type { PairingOffer } from '../engine/engine-output.ts';

export function pairingText(offer: PairingOffer | null): { message: string; detail: string } {
  if (offer === null) {
    return {
      message: 'Er is nog geen koppelcode.',
      detail: 'De coach start nog, of luistert alleen op deze computer. Probeer het over een paar seconden opnieuw.',
    };
  }
  return {
    message: 'Scan de QR-code met de tablet of telefoon.',
    detail: [
      `Of open ${offer.url.split('#')[0]} op de tablet en typ de code:`,
      offer.code,
      '',
      'De code werkt voor één apparaat. Keur de tablet daarna goed in de overlay; de tablet krijgt alleen tips, nooit wat er gezegd is.',
    ].join('\n'),
  };
}

export async function showPairingDialog(offer: PairingOffer | null): Promise<void> {
  const text = pairingText(offer);
  const icon = offer === null ? undefined : nativeImage.createFromDataURL(await QRCode.toDataURL(offer.url, { margin: 2, scale: 6 }));
  await dialog.showMessageBox({ type: 'info', title: 'Tablet koppelen', ...text, ...(icon ? { icon } : {}), buttons: ['Sluiten'], noLink: true });
}
