// Why the coach kept a finding off the screen (main/coach/cue-policy.ts's reasons), in Dutch, the
// same words for the supervisor in review and for the agent on Mijn momenten: one story of what
// happened live on every screen.

const HELD_REASONS: Record<string, string> = {
  'below-threshold': 'te licht voor een live tip',
  disabled: 'live tips voor dit gedrag staan uit',
  cooldown: 'kort na dezelfde tip',
  stale: 'het moment was voorbij',
  superseded: 'een nieuwer moment ging voor',
  snoozed: 'tips stonden op Niet nu',
  'praise-disabled': 'live complimenten staan uit',
  'praise-too-soon': 'kort na een ander compliment',
  'call-ended': 'het gesprek was afgelopen',
};

/** "Niet live getoond (het moment was voorbij)"; a reason this page does not know (a newer coach's) as itself. */
export function notShownLine(heldReason: string | null): string {
  return `Niet live getoond${heldReason ? ` (${HELD_REASONS[heldReason] ?? heldReason})` : ''}`;
}
