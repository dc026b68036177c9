// The sync state sentence on "Mijn momenten", for each state the agent can meet.
import { describe, expect, it } from 'vitest';
import { syncLine } from '../../renderer/mine/sync-line.ts';
import type { Overview } from '../../renderer/mine/mine-api.ts';

const base: Overview = {
  enrolled: true, server: 'https://team.example.nl', sharing: 'agent-chooses', status: 'idle', pending: 0, rejected: 0,
  retryingSinceMs: null, nextRetryAtMs: null, lastSuccessAtMs: null, lastError: null,
};

describe('syncLine', () => {
  it('says the moments stay here when not enrolled', () => {
    expect(syncLine({ ...base, enrolled: false, server: null, sharing: null, status: 'not-enrolled' })).toEqual({ tone: 'off', text: expect.stringContaining('Niet aangemeld') });
  });
  it('counts what waits, and says since when a down server is retried', () => {
    expect(syncLine({ ...base, pending: 3 })).toEqual({ tone: 'wait', text: '3 wachtend om te versturen.' });
    const since = new Date(2026, 10, 27, 10, 42).getTime();
    expect(syncLine({ ...base, status: 'retrying', pending: 2, retryingSinceMs: since })).toEqual({ tone: 'bad', text: 'Teamserver onbereikbaar, opnieuw proberen sinds 10:42; 2 wachtend.' });
  });
  it('is calm when everything is sent, and asks to enrol again when the token was revoked', () => {
    expect(syncLine(base)).toEqual({ tone: 'ok', text: 'Gesynchroniseerd.' });
    expect(syncLine({ ...base, status: 'needs-enrolment' }).tone).toBe('bad');
  });
});
