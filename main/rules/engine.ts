// The rule engine as the rest of Klachtcoach uses it: load a rule folder once (every pattern is
// compiled then), keep one small CallContext per call, and feed it the agent's utterances.
// Only the agent's own words come in: the customer channel is never transcribed.
import type { BehaviourId } from '../contracts/behaviours.ts';
import { SEVERITY_RANK, type Finding } from '../contracts/finding.ts';
import { tokenise, withNorms } from './normalise.ts';
import { NearMissSpeller } from './near-miss.ts';
import { CompoundMender } from './compounds.ts';
import { loadRulesOrThrow, type LoadedRule } from './loader.ts';
import type { PriorUtterance, TextRuleRuntime } from './types/rule-type.ts';
import { findingKind, type RuleHeader } from './schema.ts';

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

export class RuleEngine {
  private readonly textRules: TextRule[];
  private readonly speller: NearMissSpeller;
  private readonly compounds: CompoundMender;
  readonly timingRules: readonly TimingRule[];

  constructor(readonly rules: readonly LoadedRule[]) {
    const enabled = rules.filter((r) => r.header.enabled);
    // Strongest rules first, so when two rules of one behaviour fire the stronger one speaks.
    this.textRules = enabled
      .flatMap((r) => (r.built.kind === 'text'
        ? [{ header: r.header, runtime: r.built.runtime, kind: findingKind(r.header) }]
        : []))
      .sort((a, b) => SEVERITY_RANK[b.header.severity] - SEVERITY_RANK[a.header.severity] || a.header.id.localeCompare(b.header.id));
    const vocabulary = new Set(this.textRules.flatMap((r) => [...(r.runtime.vocabulary ?? [])]));
    this.speller = new NearMissSpeller(vocabulary);
    this.compounds = new CompoundMender(vocabulary);
    this.timingRules = enabled.flatMap((r) => (r.built.kind === 'timing'
      ? [{ header: r.header, typeName: r.built.typeName, runtime: r.built.runtime }]
      : []));
  }

  /** Loads and compiles every rule under `dir`; throws RuleLoadError listing each broken file. */
  static fromDir(dir: string): RuleEngine {
    return new RuleEngine(loadRulesOrThrow(dir));
  }

  get textRuleCount(): number {
    return this.textRules.length;
  }

  /**
   * Findings for one agent utterance, at most one per behaviour, every time it occurs (pacing
   * is the coach's). Updates `ctx` (history); pass a fresh context to judge an utterance on its own.
   */
  analyzeUtterance(utterance: Utterance, ctx: CallContext = createCallContext()): Finding[] {
    // Compounds first (a split word is two right words, not one misspelled one), then spelling.
    const tokens = withNorms(this.compounds.mend(tokenise(utterance.text)), (w) => this.speller.correct(w));
    const matched = new Set<string>();
    const hits: { rule: TextRule; startChar: number; endChar: number }[] = [];
    for (const rule of this.textRules) {
      const m = rule.runtime.match(tokens);
      if (!m) continue;
      matched.add(rule.header.id);
      if (rule.runtime.confirm && !rule.runtime.confirm(ctx.prior)) continue;
      hits.push({ rule, startChar: tokens[m.start]!.startChar, endChar: tokens[m.end - 1]!.endChar });
    }
    const present = new Set<BehaviourId>(hits.map((h) => h.rule.header.behaviour));
    const atMs = utterance.endMs;
    const findings: Finding[] = [];
    const done = new Set<BehaviourId>();
    for (const { rule, startChar, endChar } of hits) {
      const h = rule.header;
      if (done.has(h.behaviour)) continue;
      if (h.yieldsTo.some((b) => present.has(b))) continue;
      done.add(h.behaviour);
      findings.push({
        kind: rule.kind,
        behaviour: h.behaviour,
        ruleId: h.id,
        atMs,
        tip: h.tip,
        severity: h.severity,
        source: 'text',
        span: { startChar, endChar, text: utterance.text.slice(startChar, endChar) },
        utterance: { startMs: utterance.startMs, endMs: utterance.endMs, text: utterance.text },
        rangeMs: { startMs: utterance.startMs, endMs: utterance.endMs },
      });
    }
    ctx.prior.push({ startMs: utterance.startMs, endMs: utterance.endMs, matched });
    if (ctx.prior.length > MAX_PRIOR) ctx.prior.shift();
    return findings;
  }
}
