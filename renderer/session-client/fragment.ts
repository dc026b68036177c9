// What a page URL's fragment can carry: `#pair=CODE` (the QR link) or `#desktop=ID.KEY` (the
// overlay/capture link printed by `klachtcoach serve`). Fragments never reach the server in a
// request, which is why secrets travel there.
export type FragmentSecret =
  | { kind: 'pair'; code: string }
  | { kind: 'desktop'; deviceId: string; key: string }
  | null;

export function readFragment(hash: string): FragmentSecret {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const pair = params.get('pair');
  if (pair) return { kind: 'pair', code: pair };
  const desktop = params.get('desktop');
  if (desktop) {
    const m = /^([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{43})$/.exec(desktop);
    if (m) return { kind: 'desktop', deviceId: m[1]!, key: m[2]! };
  }
  return null;
}

/** The pairing code inside a scanned link, or the input itself when it is a typed code. */
export function codeFromInput(codeOrUrl: string): string {
  const hashAt = codeOrUrl.indexOf('#');
  if (hashAt >= 0) {
    const secret = readFragment(codeOrUrl.slice(hashAt));
    if (secret?.kind === 'pair') return secret.code;
  }
  return codeOrUrl;
}

/** A short name the agent recognises when asked to accept ("iPad · Safari"). */
export function deviceNameFromUserAgent(ua: string): string {
  const device = /iPad/.test(ua) ? 'iPad' : /iPhone/.test(ua) ? 'iPhone' : /Android/.test(ua) ? (/Mobile/.test(ua) ? 'Android-telefoon' : 'Android-tablet')
    : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'Mac' : /Linux/.test(ua) ? 'Linux' : 'Apparaat';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'browser';
  return `${device} · ${browser}`;
}
