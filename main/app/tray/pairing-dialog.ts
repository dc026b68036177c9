// "Tablet koppelen": shows a fresh pairing offer from the engine as a QR code plus the code to
// type. The agent then compares the six digits and accepts the tablet on the overlay.
import { dialog, nativeImage } from 'electron';
import QRCode from 'qrcode';
import type { PairingOffer } from '../engine/engine-output.ts';
import { pairingText } from './pairing-text.ts';

export async function showPairingDialog(offer: PairingOffer | null): Promise<void> {
  const { message, detail, showQr } = pairingText(offer);
  const icon = offer && showQr ? nativeImage.createFromDataURL(await QRCode.toDataURL(offer.url, { margin: 2, scale: 6 })) : undefined;
  await dialog.showMessageBox({ type: 'info', title: 'Tablet koppelen', message, detail, ...(icon ? { icon } : {}), buttons: ['Sluiten'], noLink: true });
}
