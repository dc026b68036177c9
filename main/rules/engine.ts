// The rule engine as the rest of Klachtcoach uses it: load a rule folder once (every pattern is
// compiled then), keep one small CallContext per call, and feed it the agent's utterances.
// Only the agent's own words come in: the customer channel is never transcribed.
//
// Text findings come from the phrase rules and the learned scorer together: the rules say which
// patterns matched (and which their exceptions vetoed), the scorer gives each behaviour a
// calibrated confidence, and main/scorer/fusion.ts decides. Without a model file the engine
// works on the rules alone and says so once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BehaviourId } from '../contracts/behaviours.ts';
import { SEVERITY_RANK, type Finding, type TextSpan } from '../contracts/finding.ts';
import { tokenise, withNorms, type Tokens } from './normalise.ts';
import { NearMissSpeller } from './near-miss.ts';
import { CompoundMender } from './compounds.ts';
import { loadRulesOrThrow, type LoadedRule } from './loader.ts';
import type { PriorUtterance, TextMatch, TextRuleRuntime } from './types/rule-type.ts';
import { findingKind, type RuleHeader } from './schema.ts';
import type { RuleSignal, RuleSignals } from '../scorer/features.ts';
import { fuse, wordCount, type FusionThresholds } from '../scorer/fusion.ts';
import { MODEL_FILE_NAME } from '../scorer/model-file.ts';
import { ModelFileError, readScorer, type Scorer } from '../scorer/scorer.ts';

export interface Utterance {
  startMs: number;
  endMs: number;
  text: string;
}

/** What the engine remembers of one call: the agent's earlier utterances. */
export interface CallContext {
  prior: PriorUtterance[];
}

/** Enough history for "again and again" conditions, small enough to stay cheap. */
const MAX_PRIOR = 30;

export function createCallContext(): CallContext {
  return { prior: [] };
}

interface TextRule {
  header: RuleHeader;
  runtime: TextRuleRuntime;
  kind: Finding['kind'];
}

export interface TimingRule {
  header: RuleHeader;
  typeName: string;
  runtime: unknown;
}

/** What the phrase rules make of one utterance, before the scorer and fusion. */
export interface RuleLook {
  tokens: Tokens;
  /** Hits and vetoes, as the scorer's features see them. */
  signals: RuleSignals;
  /** Per behaviour, the strongest rule that hit, with its words. */
  hits: Map<BehaviourId, { rule: TextRule; span: TextMatch }>;
  /** Behaviours with a vetoed rule and no hit. */
  vetoed: Set<BehaviourId>;
  /** Ids of the rules whose words matched (before conditions), for the call's history. */
  matched: Set<string>;
}

export interface Judgement {
  findings: Finding[];
  /** Every behaviour the scorer knows, with its confidence; empty without a model. */
  confidences: ReadonlyMap<BehaviourId, number>;
}

/** Where a scorer status is said once per process, so a live call warns once, not per utterance. */
const warned = new Set<string>();

export interface EngineOptions {
  /** The learned scorer's model file; null for the phrase rules alone. Default: modelFileFor(dir). */
  model?: string | null;
  /** Where a missing or unusable model is reported (once per file and problem). Default: console.warn. */
  warn?: (message: string) => void;
}

/** Whether the learned scorer is in use, and if not, why not. */
export type ScorerStatus =
  | { state: 'loaded'; file: string }
  | { state: 'off' }
  | { state: 'unusable'; file: string; problem: string };

/** The model file next to a rule folder: rules/nl/scorer.json for the shipped rules. */
export function modelFileFor(rulesDir: string): string {
  const lang = join(rulesDir, 'nl');
  return join(existsSync(lang) ? lang : rulesDir, MODEL_FILE_NAME);
}

function anyOpen(open: Uint8Array, first: number, last: number): boolean {
  for (let slot = first; slot < last; slot++) if (open[slot] === 1) return true;
  return false;
}

export class RuleEngine {
  private readonly textRules: TextRule[];
  private readonly speller: NearMissSpeller;
  private readonly compounds: CompoundMender;
  /**
   * Per behaviour with text rules, its strongest rule (for the tip of a scorer-only finding) and
   * its column in the scorer's model (undefined: not scored).
   */
  private readonly judged: readonly { behaviour: BehaviourId; primary: TextRule; index: number | undefined }[];
  /**
   * Every text rule owns a run of slots: one per alternative its `alternativeGates` lists, or a
   * single, always open slot for a rule that lists none. A slot is open for an utterance when it
   * has one of the slot's gate words (or the slot has none); only rules with an open slot are
   * tried, and only their open alternatives.
   */
  private readonly slotStart: Int32Array;
  private readonly slotCount: Int32Array;
  /** Word -> the slots it opens. */
  private readonly gates = new Map<string, number[]>();
  /** Slots open on every utterance (an alternative without gate words). */
  private readonly alwaysOpen: Uint8Array;
  /** The open slots of the utterance being looked at (reused: `lookAt` runs per utterance). */
  private readonly open: Uint8Array;
  readonly timingRules: readonly TimingRule[];

  constructor(readonly rules: readonly LoadedRule[], readonly scorer: Scorer | null = null, readonly scorerStatus: ScorerStatus = { state: 'off' }) {
    const enabled = rules.filter((r) => r.header.enabled);
    // Strongest rules first, so when two rules of one behaviour fire the stronger one speaks.
    this.textRules = enabled
      .flatMap((r) => (r.built.kind === 'text'
        ? [{ header: r.header, runtime: r.built.runtime, kind: findingKind(r.header) }]
        : []))
      .sort((a, b) => SEVERITY_RANK[b.header.severity] - SEVERITY_RANK[a.header.severity] || a.header.id.localeCompare(b.header.id));
    const primaryRule = new Map<BehaviourId, TextRule>();
    for (const rule of this.textRules) if (!primaryRule.has(rule.header.behaviour)) primaryRule.set(rule.header.behaviour, rule);
    this.judged = [...primaryRule].map(([behaviour, primary]) => ({ behaviour, primary, index: scorer?.indexOf(behaviour) }));
    const slotGates = this.textRules.map((r) => r.runtime.alternativeGates ?? [null]);
    this.slotCount = Int32Array.from(slotGates, (g) => g.length);
    this.slotStart = new Int32Array(slotGates.length);
    for (let i = 1; i < slotGates.length; i++) this.slotStart[i] = this.slotStart[i - 1]! + this.slotCount[i - 1]!;
    const flat = slotGates.flat();
    this.alwaysOpen = Uint8Array.from(flat, (g) => (g ? 0 : 1));
    this.open = new Uint8Array(flat.length);
    flat.forEach((g, slot) => {
      for (const w of g ?? []) {
        const slots = this.gates.get(w);
        if (slots) slots.push(slot);
        else this.gates.set(w, [slot]);
      }
    });
    const vocabulary = new Set(this.textRules.flatMap((r) => [...(r.runtime.vocabulary ?? [])]));
    this.speller = new NearMissSpeller(vocabulary);
    this.compounds = new CompoundMender(vocabulary);
    this.timingRules = enabled.flatMap((r) => (r.built.kind === 'timing'
      ? [{ header: r.header, typeName: r.built.typeName, runtime: r.built.runtime }]
      : []));
  }

  /**
   * Loads and compiles every rule under `dir` (throws RuleLoadError listing each broken file),
   * and the learned scorer's model next to it. A missing or unusable model never stops the
   * engine: it works with the rules alone and says so once, naming the file and the fix.
   */
  static fromDir(dir: string, opts: EngineOptions = {}): RuleEngine {
    const rules = loadRulesOrThrow(dir);
    const file = opts.model === undefined ? modelFileFor(dir) : opts.model;
    if (file === null) return new RuleEngine(rules);
    try {
      return new RuleEngine(rules, readScorer(file), { state: 'loaded', file });
    } catch (err) {
      if (!(err instanceof ModelFileError)) throw err;
      const message = `Klachtcoach: the learned scorer is off, ${file}: ${err.message}. The phrase rules work alone; run \`npm run train\` to build the model.`;
      if (!warned.has(message)) {
        warned.add(message);
        (opts.warn ?? console.warn)(message);
      }
      return new RuleEngine(rules, null, { state: 'unusable', file, problem: err.message });
    }
  }

  get textRuleCount(): number {
    return this.textRules.length;
  }

  /** The utterance's tokens as the rules match them: compounds mended first, then spelling. */
  tokensOf(text: string): Tokens {
    // Compounds first (a split word is two right words, not one misspelled one), then spelling.
    return withNorms(this.compounds.mend(tokenise(text)), (w) => this.speller.correct(w));
  }

  /** What the phrase rules say about one utterance, given the call so far. */
  lookAt(text: string, prior: readonly PriorUtterance[] = []): RuleLook {
    const tokens = this.tokensOf(text);
    const matched = new Set<string>();
    const candidates: { rule: TextRule; span: TextMatch }[] = [];
    const vetoes: RuleSignal[] = [];
    const signal = (rule: TextRule, span: TextMatch): RuleSignal => ({ ruleId: rule.header.id, behaviour: rule.header.behaviour, start: span.start, end: span.end });
    // Only the rules, and their alternatives, that can match: whose gate words the utterance has.
    const open = this.open;
    open.set(this.alwaysOpen);
    for (const w of tokens.words) for (const slot of this.gates.get(w) ?? []) open[slot] = 1;
    for (let i = 0; i < this.textRules.length; i++) {
      const first = this.slotStart[i]!;
      if (!anyOpen(open, first, first + this.slotCount[i]!)) continue;
      const rule = this.textRules[i]!;
      const runtime = rule.runtime;
      const verdict = runtime.examine
        ? runtime.examine(tokens, runtime.alternativeGates ? open : undefined, first)
        : { match: runtime.match(tokens), vetoed: null };
      if (verdict.match) {
        matched.add(rule.header.id);
        if (runtime.confirm && !runtime.confirm(prior)) vetoes.push(signal(rule, verdict.match));
        else candidates.push({ rule, span: verdict.match });
      } else if (verdict.vetoed) {
        vetoes.push(signal(rule, verdict.vetoed));
      }
    }
    const present = new Set<BehaviourId>(candidates.map((h) => h.rule.header.behaviour));
    const hits = new Map<BehaviourId, { rule: TextRule; span: TextMatch }>();
    const hitSignals: RuleSignal[] = [];
    for (const c of candidates) {
      if (c.rule.header.yieldsTo.some((b) => present.has(b))) {
        vetoes.push(signal(c.rule, c.span));
        continue;
      }
      hitSignals.push(signal(c.rule, c.span));
      if (!hits.has(c.rule.header.behaviour)) hits.set(c.rule.header.behaviour, c);
    }
    const vetoed = new Set(vetoes.map((v) => v.behaviour as BehaviourId).filter((b) => !hits.has(b)));
    return { tokens, signals: { hits: hitSignals, vetoes }, hits, vetoed, matched };
  }

  /**
   * Findings for one agent utterance, at most one per behaviour, every time it occurs (pacing
   * is the coach's). Updates `ctx` (history); pass a fresh context to judge an utterance on its
   * own. `thresholds` replaces
   * every behaviour's fusion thresholds (for `eval --threshold`).
   */
  analyzeUtterance(utterance: Utterance, ctx: CallContext = createCallContext(), thresholds?: FusionThresholds): Finding[] {
    return this.judge(utterance, ctx, thresholds).findings;
  }

  /** Like analyzeUtterance, and also every behaviour's confidence (for `eval`'s calibration table). */
  judgeUtterance(utterance: Utterance, ctx: CallContext = createCallContext(), thresholds?: FusionThresholds): Judgement {
    const { findings, confidences } = this.judge(utterance, ctx, thresholds);
    const byBehaviour = new Map<BehaviourId, number>();
    this.scorer?.behaviours.forEach((b, i) => byBehaviour.set(b.id, confidences![i]!));
    return { findings, confidences: byBehaviour };
  }

  private judge(utterance: Utterance, ctx: CallContext, thresholds: FusionThresholds | undefined): { findings: Finding[]; confidences: Float64Array | null } {
    const look = this.lookAt(utterance.text, ctx.prior);
    const scorer = this.scorer;
    const confidences = scorer ? scorer.confidences(look.tokens, utterance.text, look.signals) : null;
    const atMs = utterance.endMs;
    const findings: Finding[] = [];
    const words = wordCount(look.tokens);
    for (const { behaviour, primary, index } of this.judged) {
      const hit = look.hits.get(behaviour);
      const p = index === undefined ? undefined : confidences![index];
      const origin = fuse({ hit: hit !== undefined, vetoed: look.vetoed.has(behaviour), p, words }, thresholds ?? (index === undefined ? NO_MODEL : scorer!.behaviours[index]!));
      if (origin === null) continue;
      const h = (hit?.rule ?? primary).header;
      const ruleId = hit ? h.id : `scorer:${behaviour}`;
      const evidence: TextSpan[] = hit
        ? [this.spanOf(look.tokens, hit.span, utterance.text)]
        : scorer!.evidence(look.tokens, utterance.text, look.signals, index!);
      findings.push({
        kind: primary.kind,
        behaviour,
        ruleId,
        atMs,
        tip: h.tip,
        headline: h.headline,
        say: h.say,
        severity: h.severity,
        source: 'text',
        span: evidence[0],
        evidence,
        ...(p === undefined ? {} : { confidence: p }),
        origin,
        utterance: { startMs: utterance.startMs, endMs: utterance.endMs, text: utterance.text },
        rangeMs: { startMs: utterance.startMs, endMs: utterance.endMs },
      });
    }
    ctx.prior.push({ startMs: utterance.startMs, endMs: utterance.endMs, matched: look.matched });
    if (ctx.prior.length > MAX_PRIOR) ctx.prior.shift();
    return { findings, confidences };
  }

  private spanOf(tokens: Tokens, m: TextMatch, text: string): TextSpan {
    const startChar = tokens[m.start]!.startChar;
    const endChar = tokens[m.end - 1]!.endChar;
    return { startChar, endChar, text: text.slice(startChar, endChar) };
  }
}

/** Thresholds for a behaviour the model does not score: never used by `fuse` (p is undefined). */
const NO_MODEL: FusionThresholds = { tPattern: 0, tModel: 1 };
