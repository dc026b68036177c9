// How a pairing offer reaches the tablet: a link with the code in the fragment (fragments are not
// sent to the server in the HTTP request, so the code never crosses the network in a request
// line), the same link as a QR code, and the code itself to type by hand.
import QRCode from 'qrcode';
import { toBase64Url } from '../contracts/sealed.ts';

export const VIEWER_PAGE = 'tablet.html';

/** http://host:port/tablet.html#pair=CODE */
export function pairingUrl(origin: string, code: string, page = VIEWER_PAGE): string {
  return `${origin}/${page}#pair=${code}`;
}

/** The overlay/capture link for the agent's own machine: desktop credentials in the fragment. */
export function desktopUrl(origin: string, deviceId: string, key: Uint8Array, page: string): string {
  return `${origin}/${page}#desktop=${deviceId}.${toBase64Url(key)}`;
}

/** QR code drawn with block characters, for the terminal. */
export function qrForTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
}

/** QR code as an SVG document, for a desktop page. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
