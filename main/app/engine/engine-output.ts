// Reads what the app needs out of `klachtcoach serve` output: the desktop links of the overlay
// and capture pages (their `#desktop=` fragment carries the credentials that give those pages
// the desktop role on the session server) and the current tablet pairing code. Pure, so it is
// tested against the CLI's real output.
//
// The same credentials must never reach a log file: `redactSecrets` removes every URL fragment
// (desktop keys and pairing keys both live there) and the typed pairing code.

export type DesktopPage = 'overlay' | 'capture';

export interface PairingOffer {
  /** What the tablet opens (the QR code's content). */
  url: string;
  /** The code a person types instead of scanning. */
  code: string;
}

const DESKTOP_LINK = /http:\/\/127\.0\.0\.1:\d{1,5}\/(overlay|capture)\.html#desktop=[A-Za-z0-9_.-]+/g;
const PAIRING_CODE = /and type ([A-Z0-9]{4,8}(?:-[A-Z0-9]{4,8}){1,7})\b/;
const PAIRING_URL = /^\s*(https?:\/\/[^\s#]+\/tablet\.html#[A-Za-z0-9_=&.-]+)\s*$/;

export class EngineOutput {
  readonly desktopLinks: Partial<Record<DesktopPage, string>> = {};
  pairing: PairingOffer | null = null;
  #pending = '';
  #code: string | null = null;

  /** Feeds a chunk of stdout; returns true when something the app uses changed. */
  push(chunk: string): boolean {
    const text = this.#pending + chunk;
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
    let changed = false;
    for (const line of lines) changed = this.#line(line) || changed;
    return changed;
  }

  #line(line: string): boolean {
    let changed = false;
    for (const match of line.matchAll(DESKTOP_LINK)) {
      const page = match[1] as DesktopPage;
      if (this.desktopLinks[page] !== match[0]) {
        this.desktopLinks[page] = match[0];
        changed = true;
      }
    }
    const code = PAIRING_CODE.exec(line);
    if (code) this.#code = code[1]!;
    const url = PAIRING_URL.exec(line);
    if (url && this.#code !== null) {
      this.pairing = { url: url[1]!, code: this.#code };
      changed = true;
    }
    return changed;
  }
}

/** The line with every URL fragment and pairing code blanked, for logs. */
export function redactSecrets(line: string): string {
  return line
    .replace(/(https?:\/\/[^\s#]+)#\S+/g, '$1#…')
    .replace(/\b[A-Z0-9]{4,8}(?:-[A-Z0-9]{4,8}){2,7}\b/g, '[pairing code]');
}
