// The rounds a `klachtcoach practice` server is running, keyed by a random id. It puts each
// round on its own time line: the wall clock since the round began, moved forward whenever the
// customer answers, so the customer's line starts "now" for the trainee however long the
// trainee's typed words would have taken to say. A typed answer sent while the customer's line
// is still being said therefore talks over the customer, as it would on the phone.
import { randomUUID } from 'node:crypto';
import type { CoachConfig } from '../coach/coach-config.ts';
import type { RuleEngine } from '../rules/engine.ts';
import type { TimingRuleRuntime } from '../turns/timing-detector.ts';
import type { PracticeAttempt, RoundReply, ScenarioSummary } from '../contracts/practice-api.ts';
import { behaviour } from '../contracts/behaviours.ts';
import { PracticeSession, type CustomerTurn, type TraineeInput, type TurnResult } from './practice-session.ts';
import type { Scenario } from './scenario-schema.ts';
import type { ScoreCard } from './score-card.ts';
import type { RecordedLine } from './recorded-lines.ts';

/** Rounds kept at once; the oldest is dropped beyond this (a classroom, not a call centre). */
const MAX_ROUNDS = 50;

export class UnknownRoundError extends Error {}

interface Round {
  session: PracticeSession;
  startedAtMs: number;
  offsetMs: number;
}

export interface PracticeRoundsOptions {
  scenarios: readonly Scenario[];
  engine: RuleEngine;
  timingRules: readonly TimingRuleRuntime[];
  coachConfig: CoachConfig;
  /** Each scenario's recorded lines (by scenario id, then line id). */
  recordings?: ReadonlyMap<string, ReadonlyMap<string, RecordedLine>>;
  /** Wall clock in ms (tests pass their own). */
  now?: () => number;
  /** The trainee's earlier rounds of a scenario, newest first (the store), for the end of a round. */
  earlierAttempts?: (scenarioId: string) => PracticeAttempt[];
  /** Called once per finished round with its score card (the store). */
  onFinished?: (card: ScoreCard, startedAtMs: number) => void;
}

export class PracticeRounds {
  private readonly rounds = new Map<string, Round>();
  private readonly now: () => number;

  constructor(private readonly options: PracticeRoundsOptions) {
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
  }

  scenarios(): ScenarioSummary[] {
    return this.options.scenarios.map((s) => ({
      id: s.id, title: s.title, persona: s.persona, situation: s.situation,
      goals: s.goals.map((g) => ({ id: g, name: behaviour(g).name })),
      recordedLines: this.recordingsOf(s.id).size,
    }));
  }

  hasScenario(id: string): boolean {
    return this.options.scenarios.some((s) => s.id === id);
  }

  start(scenarioId: string, examen: boolean): RoundReply {
    const scenario = this.options.scenarios.find((s) => s.id === scenarioId);
    if (!scenario) throw new UnknownRoundError(`no scenario "${scenarioId}"`);
    const { engine, timingRules, coachConfig } = this.options;
    const recordedMs = new Map([...this.recordingsOf(scenarioId)].map(([id, r]) => [id, r.durationMs]));
    const session = new PracticeSession({ scenario, engine, timingRules, coachConfig, examen, recordedMs });
    const roundId = randomUUID();
    if (this.rounds.size >= MAX_ROUNDS) this.drop(this.rounds.keys().next().value!);
    const round: Round = { session, startedAtMs: this.now(), offsetMs: 0 };
    this.rounds.set(roundId, round);
    const opening = session.start();
    return this.reply(roundId, round, { customer: opening, tip: null, interrupted: false, over: false, findings: [] });
  }

  say(roundId: string, text: string): RoundReply {
    const round = this.get(roundId);
    return this.answer(roundId, round, { kind: 'say', text, startMs: this.sessionNowMs(round) });
  }

  /**
   * A spoken answer: the VAD heard it start `startAgoMs` before now and last `durationMs`; the
   * recogniser made `text` of it.
   */
  sayVoice(roundId: string, text: string, startAgoMs: number, durationMs: number): RoundReply {
    const round = this.get(roundId);
    const startMs = this.sessionNowMs(round) - startAgoMs;
    return this.answer(roundId, round, { kind: 'say', text, startMs, endMs: startMs + durationMs });
  }

  /** Whether the round's customer is still saying their line now (talking over them interrupts). */
  customerTalking(roundId: string): boolean {
    const round = this.rounds.get(roundId);
    const customer = round?.session.lastCustomerTurn;
    return !!round && !round.session.over && !!customer && this.sessionNowMs(round) < customer.endMs;
  }

  has(roundId: string): boolean {
    return this.rounds.has(roundId);
  }

  /** The file of a recorded line, or null. */
  recording(scenarioId: string, lineId: string): string | null {
    return this.recordingsOf(scenarioId).get(lineId)?.file ?? null;
  }

  silence(roundId: string): RoundReply {
    const round = this.get(roundId);
    return this.answer(roundId, round, { kind: 'silence', atMs: this.sessionNowMs(round) });
  }

  stop(roundId: string): RoundReply {
    const round = this.get(roundId);
    const wasOver = round.session.over;
    round.session.stop();
    return this.reply(roundId, round, { customer: null, tip: null, interrupted: false, over: true, findings: [] }, !wasOver);
  }

  private answer(roundId: string, round: Round, input: TraineeInput): RoundReply {
    const result = round.session.answer(input);
    if (result.customer) {
      // The customer starts now, on the trainee's screen: move the round's clock to their start.
      round.offsetMs += Math.max(0, result.customer.startMs - this.sessionNowMs(round));
    }
    return this.reply(roundId, round, result, result.over);
  }

  private sessionNowMs(round: Round): number {
    return this.now() - round.startedAtMs + round.offsetMs;
  }

  private reply(roundId: string, round: Round, result: Omit<TurnResult, 'customer'> & { customer: CustomerTurn | null }, justEnded = false): RoundReply {
    const card = round.session.over ? round.session.scoreCard() : null;
    let earlier: PracticeAttempt[] = [];
    if (justEnded && card) {
      // Read before this round is stored, so the list holds only the ones before it.
      earlier = this.options.earlierAttempts?.(card.scenarioId) ?? [];
      this.options.onFinished?.(card, round.startedAtMs);
      this.drop(roundId);
    }
    const c = result.customer;
    return {
      roundId,
      customer: c ? { lineId: c.lineId, text: c.text, speakingMs: c.endMs - c.startMs, recorded: this.recordingsOf(round.session.scenario.id).has(c.lineId) } : null,
      tip: result.tip,
      interrupted: result.interrupted,
      over: round.session.over,
      silenceMs: round.session.scenario.silenceMs,
      card,
      earlier,
    };
  }

  private recordingsOf(scenarioId: string): ReadonlyMap<string, RecordedLine> {
    return this.options.recordings?.get(scenarioId) ?? new Map();
  }

  private get(roundId: string): Round {
    const round = this.rounds.get(roundId);
    if (!round) throw new UnknownRoundError(`no round "${roundId}" (it ended, or the server restarted)`);
    return round;
  }

  private drop(roundId: string): void {
    this.rounds.get(roundId)?.session.dispose();
    this.rounds.delete(roundId);
  }
}
