// The cue policy: decides which finding becomes the one tip on screen, and when. It is a pure
// reducer: (config, state, input) -> (state, events). Time enters only as `nowMs` on each input
// (ms since the start of the call, the same clock as Finding.atMs), so tests drive it with a fake
// clock and the live coach (coach.ts) feeds it real time.
//
// The rules, in the order a newcomer would ask about them:
// - one tip at a time; waiting findings are ranked flag before praise, then by severity, then newest;
// - a tip leaves the screen when acknowledged ("begrepen"), snoozed, replaced or after tipVisibleMs;
// - after a tip leaves, nothing new for quietAfterTipMs;
// - a text finding below the live confidence threshold is never shown (recorded for review);
// - a behaviour is not tipped again within its cooldown, nor a rule within its own pacing cooldown;
// - a strictly more severe flag may replace the tip on screen once it was visible minVisibleBeforeReplaceMs;
// - praise is sparse: at most one per praise.minGapMs, and never replaces a flag;
// - a finding that waited longer than staleAfterMs is dropped: it is about a moment that has passed.
import type { BehaviourId } from '../contracts/behaviours.ts';
import { SEVERITY_RANK, type Finding } from '../contracts/finding.ts';
import { cooldownFor, isLiveTipEnabled, ruleCooldownFor, type CoachConfig } from './coach-config.ts';

export interface Cue {
  /** Stable id the views send back when the agent acknowledges. */
  id: string;
  finding: Finding;
  shownAtMs: number;
}

export type ClearReason = 'acknowledged' | 'expired' | 'replaced' | 'snoozed';
export type DropReason =
  | 'below-threshold' | 'low-confidence' | 'disabled' | 'cooldown' | 'stale' | 'superseded' | 'snoozed'
  | 'praise-disabled' | 'praise-too-soon';

export type CueEvent =
  | { type: 'show'; cue: Cue }
  | { type: 'clear'; cueId: string; reason: ClearReason; atMs: number }
  | { type: 'drop'; finding: Finding; reason: DropReason };

export type CueInput =
  | { type: 'finding'; finding: Finding; nowMs: number }
  | { type: 'tick'; nowMs: number }
  | { type: 'acknowledge'; cueId: string; nowMs: number }
  | { type: 'snooze'; nowMs: number };

export interface CuePolicyState {
  readonly current: Cue | null;
  /** Findings waiting for the screen; at most one per behaviour. */
  readonly pending: readonly Finding[];
  readonly lastShownMsByBehaviour: Readonly<Partial<Record<BehaviourId, number>>>;
  readonly lastShownMsByRule: Readonly<Record<string, number>>;
  readonly lastPraiseShownMs: number | null;
  /** No new tip before this time (quiet period after a tip). */
  readonly quietUntilMs: number;
  readonly snoozedUntilMs: number;
}

export const INITIAL_CUE_STATE: CuePolicyState = {
  current: null,
  pending: [],
  lastShownMsByBehaviour: {},
  lastShownMsByRule: {},
  lastPraiseShownMs: null,
  quietUntilMs: 0,
  snoozedUntilMs: 0,
};

export interface StepResult {
  state: CuePolicyState;
  events: CueEvent[];
}

export function cueId(finding: Finding): string {
  return `${finding.ruleId}@${Math.round(finding.atMs)}`;
}

export function step(config: CoachConfig, state: CuePolicyState, input: CueInput): StepResult {
  const events: CueEvent[] = [];
  let next = state;
  switch (input.type) {
    case 'finding':
      next = offer(config, next, input.finding, input.nowMs, events);
      break;
    case 'acknowledge':
      if (next.current?.id === input.cueId) next = clearCurrent(config, next, 'acknowledged', input.nowMs, events);
      break;
    case 'snooze':
      if (next.current) next = clearCurrent(config, next, 'snoozed', input.nowMs, events);
      for (const finding of next.pending) events.push({ type: 'drop', finding, reason: 'snoozed' });
      next = { ...next, pending: [], snoozedUntilMs: input.nowMs + config.snoozeMs };
      break;
    case 'tick':
      break;
  }
  next = settle(config, next, input.nowMs, events);
  return { state: next, events };
}

/**
 * The next time after `nowMs` a tick could change anything (a tip expiring, a quiet period
 * ending, a finding going stale), or null when only new input can. The live coach sets one timer
 * for it. Times at or before `nowMs` were already settled by the last step.
 */
export function nextWakeMs(config: CoachConfig, state: CuePolicyState, nowMs: number): number | null {
  const times: number[] = [];
  if (state.current) {
    times.push(state.current.shownAtMs + config.tipVisibleMs);
    if (state.pending.length > 0) times.push(state.current.shownAtMs + config.minVisibleBeforeReplaceMs);
  }
  if (state.pending.length > 0) {
    times.push(Math.max(state.quietUntilMs, state.snoozedUntilMs));
    for (const f of state.pending) times.push(f.atMs + config.staleAfterMs + 1);
  }
  const future = times.filter((t) => t > nowMs);
  return future.length > 0 ? Math.min(...future) : null;
}

function offer(config: CoachConfig, state: CuePolicyState, finding: Finding, nowMs: number, events: CueEvent[]): CuePolicyState {
  const reason = refusal(config, state, finding, nowMs);
  if (reason) {
    events.push({ type: 'drop', finding, reason });
    return state;
  }
  // One waiting finding per behaviour: the newer one describes the more recent moment.
  const older = state.pending.find((f) => f.behaviour === finding.behaviour);
  if (older) events.push({ type: 'drop', finding: older, reason: 'superseded' });
  return { ...state, pending: [...state.pending.filter((f) => f !== older), finding] };
}

function refusal(config: CoachConfig, state: CuePolicyState, finding: Finding, nowMs: number): DropReason | null {
  if (nowMs < state.snoozedUntilMs) return 'snoozed';
  if (!isLiveTipEnabled(config, finding.behaviour)) return 'disabled';
  if (finding.kind === 'flag' && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[config.minSeverity]) {
    return 'below-threshold';
  }
  if ((finding.confidence ?? 1) < config.liveConfidence) return 'low-confidence';
  if (finding.kind === 'praise') {
    if (!config.praise.enabled) return 'praise-disabled';
    if (praiseTooSoon(config, state, nowMs)) return 'praise-too-soon';
  }
  if (inCooldown(config, state, finding, nowMs)) return 'cooldown';
  if (nowMs - finding.atMs > config.staleAfterMs) return 'stale';
  return null;
}

function praiseTooSoon(config: CoachConfig, state: CuePolicyState, nowMs: number): boolean {
  return state.lastPraiseShownMs !== null && nowMs - state.lastPraiseShownMs < config.praise.minGapMs;
}

function inCooldown(config: CoachConfig, state: CuePolicyState, finding: Finding, nowMs: number): boolean {
  const lastOfBehaviour = state.lastShownMsByBehaviour[finding.behaviour];
  if (lastOfBehaviour !== undefined && nowMs - lastOfBehaviour < cooldownFor(config, finding.behaviour)) return true;
  const lastOfRule = state.lastShownMsByRule[finding.ruleId];
  return lastOfRule !== undefined && nowMs - lastOfRule < ruleCooldownFor(config, finding.ruleId);
}

/** Applies everything that time alone decides, then fills the screen if it may. */
function settle(config: CoachConfig, state: CuePolicyState, nowMs: number, events: CueEvent[]): CuePolicyState {
  let next = state;
  if (next.current && nowMs - next.current.shownAtMs >= config.tipVisibleMs) {
    // Quiet time counts from when the tip was due to leave, not from when the tick came.
    next = clearCurrent(config, next, 'expired', next.current.shownAtMs + config.tipVisibleMs, events);
  }

  const fresh: Finding[] = [];
  for (const f of next.pending) {
    if (nowMs - f.atMs > config.staleAfterMs) events.push({ type: 'drop', finding: f, reason: 'stale' });
    // Another praise may have been shown while this one waited.
    else if (f.kind === 'praise' && praiseTooSoon(config, next, nowMs)) {
      events.push({ type: 'drop', finding: f, reason: 'praise-too-soon' });
    } else fresh.push(f);
  }
  if (fresh.length !== next.pending.length) next = { ...next, pending: fresh };

  const best = [...next.pending].sort(byPriority)[0];
  if (!best) return next;

  if (next.current) {
    const visibleMs = nowMs - next.current.shownAtMs;
    if (visibleMs >= config.minVisibleBeforeReplaceMs && outranks(best, next.current.finding)) {
      events.push({ type: 'clear', cueId: next.current.id, reason: 'replaced', atMs: nowMs });
      return show(next, best, nowMs, events);
    }
    return next;
  }
  if (nowMs < next.quietUntilMs || nowMs < next.snoozedUntilMs) return next;
  return show(next, best, nowMs, events);
}

function show(state: CuePolicyState, finding: Finding, nowMs: number, events: CueEvent[]): CuePolicyState {
  const cue: Cue = { id: cueId(finding), finding, shownAtMs: nowMs };
  events.push({ type: 'show', cue });
  return {
    ...state,
    current: cue,
    pending: state.pending.filter((f) => f !== finding),
    lastShownMsByBehaviour: { ...state.lastShownMsByBehaviour, [finding.behaviour]: nowMs },
    lastShownMsByRule: { ...state.lastShownMsByRule, [finding.ruleId]: nowMs },
    lastPraiseShownMs: finding.kind === 'praise' ? nowMs : state.lastPraiseShownMs,
  };
}

function clearCurrent(config: CoachConfig, state: CuePolicyState, reason: ClearReason, atMs: number, events: CueEvent[]): CuePolicyState {
  if (!state.current) return state;
  events.push({ type: 'clear', cueId: state.current.id, reason, atMs });
  return { ...state, current: null, quietUntilMs: atMs + config.quietAfterTipMs };
}

/** Flag before praise, then higher severity, then the more recent moment. */
function byPriority(a: Finding, b: Finding): number {
  return rank(b) - rank(a) || b.atMs - a.atMs;
}

function rank(f: Finding): number {
  // Praise sits below every flag, whatever its severity.
  return f.kind === 'praise' ? -1 : SEVERITY_RANK[f.severity];
}

function outranks(candidate: Finding, onScreen: Finding): boolean {
  return candidate.kind === 'flag' && rank(candidate) > rank(onScreen);
}
