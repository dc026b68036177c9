// The live coach's confidence bar (rules/coach.yaml liveConfidence) is where the findings at or
// above it are right at least 90 % of the time on the corpus's dev split, computed by
// `klachtcoach eval corpus-dev --field asrHeavy`. A retrain that moves the bar fails here until
// coach.yaml is set to the new value.
import { describe, expect, it } from 'vitest';
import { loadCoachConfig } from '../../main/coach/load-coach-config.ts';
import { corpusSplit } from '../../main/rules/corpus.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { evaluate, LIVE_PRECISION, liveThreshold } from '../../main/rules/evaluate.ts';
import { corpusDirFor } from '../../main/scorer/dataset.ts';

describe('live confidence bar', () => {
  it('is the lowest confidence whose findings at or above it reach the precision aimed at', () => {
    const f = (confidence: number, right: boolean): { confidence: number; right: boolean } => ({ confidence, right });
    // 0.3 and up: 9 right of 10 (0.9); 0.2 and up: 9 of 11.
    const findings = [f(0.2, false), f(0.3, false), ...Array.from({ length: 9 }, (_, i) => f(0.4 + i * 0.05, true))];
    expect(liveThreshold(findings, 0.9)).toMatchObject({ threshold: 0.21, shown: 10, precision: 0.9, findings: 11 });
    expect(liveThreshold(findings, 0.95)).toMatchObject({ threshold: 0.31, shown: 9, precision: 1 });
    expect(liveThreshold([f(0.9, false)], 0.9)).toMatchObject({ threshold: null, shown: 1, precision: 0 });
  });

  it("in coach.yaml is what eval corpus-dev --field asrHeavy computes on the shipped model", () => {
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    expect(engine.scorerStatus.state, 'the shipped model must load').toBe('loaded');
    const dev = corpusSplit(corpusDirFor(DEFAULT_RULES_DIR), 'dev').lines.map((l) => l.value);
    const live = evaluate(engine, dev, 'asrHeavy').live!;
    expect(live.target).toBe(LIVE_PRECISION);
    expect(live.threshold, `no confidence reaches precision ${LIVE_PRECISION} on dev`).not.toBeNull();
    const shipped = loadCoachConfig().liveConfidence;
    expect(shipped, `rules/coach.yaml liveConfidence is ${shipped}, but \`npx klachtcoach eval corpus-dev --field asrHeavy\` computes ${live.threshold} on the shipped model: set it there`).toBe(live.threshold);
  });
});
