// The words of the "Tablet koppelen" dialog, pure so a test can check them: the code to type,
// where to type it, and that the tablet gets tips only.
import type { PairingOffer } from '../engine/engine-output.ts';

/** The dialog's words, and whether a QR code belongs next to them (only for a link a tablet can open). */
export function pairingText(offer: PairingOffer | null): { message: string; detail: string; showQr: boolean } {
  if (offer === null) {
    return {
      message: 'Er is nog geen koppelcode.',
      detail: 'De coach start nog, of luistert alleen op deze computer. Probeer het over een paar seconden opnieuw.',
      showQr: false,
    };
  }
  if (/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(offer.url)) {
    return {
      message: 'Deze computer is niet op een netwerk gevonden.',
      detail: 'Een tablet of telefoon kan hem nu niet bereiken. Verbind deze computer met het netwerk (wifi of kabel) waar ook de tablet op zit, start Klachtcoach opnieuw en probeer het dan nog eens.',
      showQr: false,
    };
  }
  return {
    message: 'Scan de QR-code met de tablet of telefoon.',
    detail: [
      `Of open ${offer.url.split('#')[0]} op de tablet en typ de code:`,
      offer.code,
      '',
      'De code werkt voor één apparaat. De overlay vraagt daarna of je de tablet accepteert: accepteer alleen als de tablet dezelfde zes cijfers laat zien als de overlay.',
      'De tablet krijgt alleen tips, nooit wat er gezegd is.',
    ].join('\n'),
    showQr: true,
  };
}
