// Where a paired device keeps its credentials between page loads. localStorage is per origin
// (http://desktop-ip:port), which is exactly the scope of one pairing.
import type { CredentialStore, StoredCredentials } from './types.ts';

const STORAGE_KEY = 'klachtcoach.device';

function isCredentials(v: unknown): v is StoredCredentials {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.deviceId === 'string' && typeof o.key === 'string' && (o.role === 'viewer' || o.role === 'desktop');
}

/** Credentials in `storage` (default: localStorage); a corrupt entry reads as "not paired". */
export function storageCredentials(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = globalThis.localStorage): CredentialStore {
  return {
    load() {
      try {
        const raw = storage.getItem(STORAGE_KEY);
        if (!raw) return null;
        const parsed: unknown = JSON.parse(raw);
        return isCredentials(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    save(credentials) {
      storage.setItem(STORAGE_KEY, JSON.stringify(credentials));
    },
    clear() {
      storage.removeItem(STORAGE_KEY);
    },
  };
}

/** Credentials held in memory only (tests, or a page that must not persist them). */
export function memoryCredentials(initial: StoredCredentials | null = null): CredentialStore {
  let value = initial;
  return {
    load: () => value,
    save: (c) => { value = c; },
    clear: () => { value = null; },
  };
}
