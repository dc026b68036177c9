// The end of a round compared with the trainee's earlier rounds of the same scenario: one
// sentence (better, the same, worse on the goals; fewer or more interruptions) and a small table,
// this round first. Plain functions, so the wording is tested without a browser.
import type { PracticeAttempt, ScoreCard } from '../../../main/contracts/practice-api.ts';

export interface AttemptRow {
  key: string;
  now: boolean;
  when: string;
  goals: string;
  interruptions: string;
  share: string;
}

const share = (s: number | null): string => (s === null ? '–' : `${Math.round(s * 100)} %`);

function row(a: PracticeAttempt, now: boolean): AttemptRow {
  const when = now ? 'Nu' : new Date(a.startedAtMs).toLocaleString('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return {
    key: now ? 'now' : String(a.startedAtMs), now, when: `${when}${a.examen ? ' (examen)' : ''}`,
    goals: `${a.goalsShown} van ${a.goalsTotal}`, interruptions: `${a.interruptions}×`, share: share(a.talkShare),
  };
}

export function compareWithEarlier(card: ScoreCard, earlier: readonly PracticeAttempt[]): { verdict: string; rows: AttemptRow[] } {
  const shown = card.goals.filter((g) => g.shown).length;
  const current: PracticeAttempt = {
    startedAtMs: 0, examen: card.examen, goalsShown: shown, goalsTotal: card.goals.length,
    interruptions: card.interruptions, talkShare: card.talkShare,
  };
  const last = earlier[0];
  if (!last) return { verdict: 'Dit is je eerste ronde met deze klant.', rows: [] };
  const goals = shown > last.goalsShown ? `Je liet ${shown - last.goalsShown} doel${shown - last.goalsShown === 1 ? '' : 'en'} meer zien dan de vorige keer`
    : shown < last.goalsShown ? `Je liet ${last.goalsShown - shown} doel${last.goalsShown - shown === 1 ? '' : 'en'} minder zien dan de vorige keer`
      : 'Je liet evenveel doelen zien als de vorige keer';
  const interruptions = card.interruptions < last.interruptions ? ', en je onderbrak de klant minder.'
    : card.interruptions > last.interruptions ? ', maar je onderbrak de klant vaker.' : '.';
  return { verdict: `${goals}${interruptions}`, rows: [row(current, true), ...earlier.map((a) => row(a, false))] };
}
