// Shared test helpers: a temp store with a movable clock, and findings shaped like the engine's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../main/contracts/finding.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';

export interface TempStore {
  store: CallStore;
  dir: string;
  file: string;
  clock: { ms: number };
  cleanup: () => void;
}

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0); // Monday 23 Nov 2026, 09:00 UTC

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'kc-store-'));
  const file = join(dir, 'calls.sqlite');
  const clock = { ms: T0 };
  const store = openStore(file, { now: () => clock.ms });
  return { store, dir, file, clock, cleanup: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export function textFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    kind: 'flag',
    behaviour: 'bagatelliseren',
    ruleId: 'nl.bagatelliseren.valt-wel-mee',
    atMs: 4200,
    tip: 'Toon begrip: "Ik snap dat dit vervelend is."',
    severity: 'medium',
    source: 'text',
    span: { startChar: 4, endChar: 16, text: 'valt wel mee' },
    utterance: { startMs: 3000, endMs: 4100, text: 'dat valt wel mee hoor' },
    rangeMs: { startMs: 3000, endMs: 4100 },
    ...overrides,
  };
}

export function timingFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    kind: 'flag',
    behaviour: 'onderbreken',
    ruleId: 'timing.overlap.interrupt',
    atMs: 9000,
    tip: 'Laat de klant uitpraten.',
    severity: 'high',
    source: 'timing',
    rangeMs: { startMs: 8600, endMs: 9000 },
    ...overrides,
  };
}
