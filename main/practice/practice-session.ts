// One practice round as a pure state machine on its own time line (ms since the round began).
// The trainee's turns go through the same RuleEngine, timing rules and coach as a real call: their
// words through the phrase rules, the speech spans of both parties through the TurnTracker (so the
// interruption rule sees a customer who gives way). The customer's next line is the first line
// whose condition matches what the trainee just did and that was not said yet, else the first
// such line again (the customer repeats); "anything" lines only when nothing more specific
// matches. Nothing here reads a clock or does I/O.
import type { Finding } from '../contracts/finding.ts';
import type { Tip } from '../contracts/protocol.ts';
import { Coach } from '../coach/coach.ts';
import type { CoachConfig } from '../coach/coach-config.ts';
import { ManualClock } from '../coach/manual-clock.ts';
import { createCallContext, type CallContext, type RuleEngine } from '../rules/engine.ts';
import { tipFromFinding } from '../session/tips.ts';
import { SpanFeed } from '../turns/span-feed.ts';
import { TimingRuleRunner, type TimingRuleRuntime } from '../turns/timing-detector.ts';
import type { CustomerLine, LineCondition, Scenario } from './scenario-schema.ts';
import { buildScoreCard, type ScoreCard, type TurnRecord } from './score-card.ts';

/** A calm speaking rate (~160 words a minute): how long typed words take to say. */
export const SPEAKING_MS_PER_WORD = 380;
const MIN_SPEECH_MS = 600;
/** The customer waits this long after the trainee's last sound: the VAD's end of speech (its 320-ms hangover) plus a gap. */
export const CUSTOMER_WAIT_MS = 600;
/** Talked over, the customer stops this long after the trainee came in. */
export const CUSTOMER_YIELD_MS = 500;
/** Starting this close to the customer's end is a quick answer, not talking over them. */
const OVERLAP_TOLERANCE_MS = 250;

export const OPENING_LINE_ID = 'opening';

export function speakingMs(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(MIN_SPEECH_MS, words * SPEAKING_MS_PER_WORD);
}

export type TraineeInput =
  /**
   * The trainee said (or typed) `text`, starting at startMs on the round's time line. Spoken
   * answers carry the VAD's endMs; typed ones last as long as the words take to say.
   */
  | { kind: 'say'; text: string; startMs: number; endMs?: number }
  /** The trainee has said nothing until atMs. */
  | { kind: 'silence'; atMs: number };

export interface CustomerTurn {
  lineId: string;
  text: string;
  startMs: number;
  /** When the line ends if nobody talks over it. */
  endMs: number;
  ends: boolean;
}

export interface TurnResult {
  /** The customer's answer; null when the round ended without one (the turn limit). */
  customer: CustomerTurn | null;
  /** Everything the engine decided during this turn, flags and praise, in time order. */
  findings: Finding[];
  /** The coach's tip on screen after this turn; always null in examen mode. */
  tip: Tip | null;
  interrupted: boolean;
  over: boolean;
}

export interface PracticeOptions {
  scenario: Scenario;
  engine: RuleEngine;
  timingRules: readonly TimingRuleRuntime[];
  coachConfig: CoachConfig;
  /** Examen: no tips during the round; the score card is the same. */
  examen?: boolean;
  /** How long each recorded line takes (ms, by line id): the customer's real voice sets the time. */
  recordedMs?: ReadonlyMap<string, number>;
}

export type EndReason = 'customer' | 'max-turns' | 'stopped';

export class PracticeSession {
  private readonly feed: SpanFeed;
  private readonly runners: TimingRuleRunner[];
  private readonly ctx: CallContext = createCallContext();
  private readonly clock = new ManualClock();
  private readonly coach: Coach | null;
  private readonly said = new Set<string>();
  private readonly path: string[] = [];
  private readonly turns: TurnRecord[] = [];
  private pendingTiming: Finding[] = [];
  private customer: CustomerTurn | null = null;
  private traineeFreeAtMs = 0;
  private endReason: EndReason | null = null;

  constructor(private readonly options: PracticeOptions) {
    this.runners = options.timingRules.map((r) => new TimingRuleRunner(r));
    this.feed = new SpanFeed((event) => {
      for (const runner of this.runners) this.pendingTiming.push(...runner.onEvent(event));
    });
    this.coach = options.examen ? null : new Coach(options.coachConfig, this.clock, () => undefined);
  }

  get scenario(): Scenario {
    return this.options.scenario;
  }

  get over(): boolean {
    return this.endReason !== null;
  }

  get lastCustomerTurn(): CustomerTurn | null {
    return this.customer;
  }

  /** The customer's opening line, at the start of the round. */
  start(): CustomerTurn {
    if (this.customer) throw new Error('the round has already started');
    return this.speak({ id: OPENING_LINE_ID, say: this.scenario.opening, ends: false, when: 'anything' }, 0);
  }

  answer(input: TraineeInput): TurnResult {
    const customer = this.customer;
    if (!customer) throw new Error('start() the round before answering');
    if (this.over) throw new Error('the round is over');
    let interrupted = false;
    let text = '';
    let endMs: number;
    if (input.kind === 'say') {
      text = input.text.trim();
      // Nobody answers a line before it began, or starts again before they stopped.
      const startMs = Math.max(input.startMs, customer.startMs, this.traineeFreeAtMs);
      interrupted = startMs < customer.endMs - OVERLAP_TOLERANCE_MS;
      const customerEndMs = interrupted ? Math.min(customer.endMs, startMs + CUSTOMER_YIELD_MS) : customer.endMs;
      this.feed.speechEnd('customer', customer.startMs, customerEndMs);
      endMs = Math.max(startMs + 1, input.endMs ?? startMs + speakingMs(text));
      this.feed.speechStart('agent', startMs);
      this.feed.speechEnd('agent', startMs, endMs);
      this.pendingTiming.push(...this.options.engine.analyzeUtterance({ startMs, endMs, text }, this.ctx));
      this.traineeFreeAtMs = endMs;
    } else {
      this.feed.speechEnd('customer', customer.startMs, customer.endMs);
      endMs = Math.max(input.atMs, customer.endMs + this.scenario.silenceMs);
    }
    this.feed.advanceTo(Math.max(this.feed.confirmedEndMs(endMs), this.feed.lastPendingMs) + this.feed.timing.frameMs);
    const findings = this.pendingTiming.sort((a, b) => a.atMs - b.atMs);
    this.pendingTiming = [];
    for (const f of findings) {
      this.clock.advanceTo(f.atMs);
      this.coach?.offer(f);
    }
    this.turns.push({ text, silence: input.kind === 'silence', interrupted, findings, customerLineId: customer.lineId });

    let next: CustomerTurn | null = null;
    if (this.turns.length >= this.scenario.end.maxTurns) this.endReason = 'max-turns';
    else {
      const line = this.pickLine({ interrupted, silence: input.kind === 'silence', findings });
      next = this.speak(line, endMs + CUSTOMER_WAIT_MS);
      if (line.ends) this.endReason = 'customer';
    }
    this.clock.advanceTo(next?.startMs ?? this.feed.nowMs);
    const cue = this.coach?.current;
    return { customer: next, findings, tip: cue ? tipFromFinding(cue.finding, cue.id) : null, interrupted, over: this.over };
  }

  /** Ends the round early (the trainee hung up). */
  stop(): void {
    if (!this.over) this.endReason = 'stopped';
  }

  scoreCard(): ScoreCard {
    return buildScoreCard({
      scenario: this.scenario,
      turns: this.turns,
      talk: this.feed.state(),
      examen: this.options.examen ?? false,
      endReason: this.endReason,
      path: this.path,
    });
  }

  dispose(): void {
    this.coach?.dispose();
  }

  private speak(line: CustomerLine, startMs: number): CustomerTurn {
    this.said.add(line.id);
    if (line.id !== OPENING_LINE_ID) this.path.push(line.id);
    this.feed.speechStart('customer', startMs);
    const durationMs = this.options.recordedMs?.get(line.id) ?? speakingMs(line.say);
    this.customer = { lineId: line.id, text: line.say, startMs, endMs: startMs + durationMs, ends: line.ends };
    return this.customer;
  }

  private pickLine(last: { interrupted: boolean; silence: boolean; findings: Finding[] }): CustomerLine {
    const matching = this.scenario.lines.filter((line) => conditionHolds(line.when, last));
    // A line that answers what the trainee did beats a general one, even said before: after a
    // second silence the customer presses on again. The loader makes the last line "anything".
    const specific = matching.filter((line) => line.when !== 'anything');
    return specific.find((line) => !this.said.has(line.id)) ?? specific[0] ?? matching.find((line) => !this.said.has(line.id)) ?? matching[0]!;
  }
}

export function conditionHolds(
  when: LineCondition,
  last: { interrupted: boolean; silence: boolean; findings: readonly Finding[] },
): boolean {
  if (when === 'anything') return true;
  if (when === 'interrupted') return last.interrupted;
  if (when === 'silence') return last.silence;
  const [kind, ids] = 'flagged' in when ? ['flag', when.flagged] as const : ['praise', when.praised] as const;
  return last.findings.some((f) => f.kind === kind && ids.includes(f.behaviour));
}
