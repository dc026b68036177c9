/** A problem the user can fix (bad file, missing model, wrong option): printed without a stack. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}

/** An http(s) address given as `--option URL`, returned without trailing slashes. */
export function httpUrlOption(option: string, url: string, example: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`--${option} ${url}: not a URL; expected e.g. ${example}`, 2);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UserError(`--${option} ${url}: expected an http:// or https:// address`, 2);
  return url.replace(/\/+$/, '');
}
