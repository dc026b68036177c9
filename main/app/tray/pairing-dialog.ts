// "Tablet koppelen": shows the engine's current pairing offer as a QR code plus the code to type.
// The agent then accepts the tablet on the overlay's device list (the session server asks there).
import { dialog, nativeImage } from 'electron';
import QRCode from 'qrcode';
import type { PairingOffer } from '../engine/engine-output.ts';
import { pairingText } from './pairing-text.ts';

export async function showPairingDialog(offer: PairingOffer | null): Promise<void> {
  const text = pairingText(offer);
  const icon = offer === null ? undefined : nativeImage.createFromDataURL(await QRCode.toDataURL(offer.url, { margin: 2, scale: 6 }));
  await dialog.showMessageBox({ type: 'info', title: 'Tablet koppelen', ...text, ...(icon ? { icon } : {}), buttons: ['Sluiten'], noLink: true });
}
