// The sync state in one Dutch sentence for the agent ("Gesynchroniseerd", "3 wachtend",
// "Opnieuw proberen sinds 10:42"). Pure, so it is tested without a browser.
import type { Overview } from './mine-api.ts';
import { timeOfDay } from '../shared/format.ts';

export function syncLine(o: Overview): { tone: 'ok' | 'wait' | 'bad' | 'off'; text: string } {
  if (!o.enrolled) return { tone: 'off', text: 'Niet aangemeld bij de teamserver: je momenten blijven op deze computer.' };
  if (o.status === 'needs-enrolment') return { tone: 'bad', text: 'De teamserver herkent deze computer niet meer: meld hem opnieuw aan.' };
  if (o.status === 'retrying') {
    const since = o.retryingSinceMs === null ? '' : ` sinds ${timeOfDay(o.retryingSinceMs)}`;
    return { tone: 'bad', text: `Teamserver onbereikbaar, opnieuw proberen${since}; ${o.pending} wachtend.` };
  }
  if (o.pending > 0) return { tone: 'wait', text: `${o.pending} wachtend om te versturen.` };
  const last = o.lastSuccessAtMs === null ? '' : ` (laatst ${timeOfDay(o.lastSuccessAtMs)})`;
  return { tone: 'ok', text: `Gesynchroniseerd${last}.` };
}
