// How the tray's "Oefenen" starts practice: the `klachtcoach practice` command of the engine
// bundle on a loopback port, recording into the app's own call store (its data folder), and the
// page the agent's browser opens. Pure, so it is tested without Electron.
export const PRACTICE_PAGE = '/oefenen.html';

export function practiceArgs(port: number): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`practice port out of range: ${port}`);
  return ['practice', '--port', String(port)];
}
