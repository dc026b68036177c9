// The coach's cue policy settings: how often a tip may appear, how long it stays, how sparse praise
// is, how sure a finding must be to be shown live. The values live in rules/coach.yaml so a trainer
// can tune them without code; this schema is the contract for that file. Every duration is in
// milliseconds and says so in its name. Pacing is the coach's alone: the engine reports every
// occurrence, and the rule files' own `pacing` joins this config when the coach starts
// (withRulePacing).
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';
import { Severity } from '../contracts/finding.ts';

const Ms = z.number().int().nonnegative();

export const BehaviourOverride = z
  .object({
    /** Turn a behaviour's live tips off (its findings are still stored for the summary). */
    enabled: z.boolean().optional(),
    /** This behaviour's own cooldown, replacing `cooldownPerBehaviourMs`. */
    cooldownMs: Ms.optional(),
  })
  .strict();
export type BehaviourOverride = z.infer<typeof BehaviourOverride>;

/** One rule's pacing, from its rule file (`pacing:`). */
export const RulePacing = z.object({ cooldownMs: Ms }).strict();
export type RulePacing = z.infer<typeof RulePacing>;

export const CoachConfig = z
  .object({
    /** How long a tip stays on screen when the agent does not acknowledge it. */
    tipVisibleMs: Ms.default(12_000),
    /** A more severe finding may replace the current tip only after it was visible this long. */
    minVisibleBeforeReplaceMs: Ms.default(3_000),
    /** After a tip leaves the screen, no new tip for this long: the agent needs room to listen. */
    quietAfterTipMs: Ms.default(20_000),
    /** The same behaviour is not tipped again within this time after it was shown. */
    cooldownPerBehaviourMs: Ms.default(120_000),
    /** A finding that waited longer than this is no longer about the current moment: dropped. */
    staleAfterMs: Ms.default(8_000),
    /**
     * A tip is about a moment: this long after it (the finding's atMs) the moment has passed. The
     * tip leaves the screen then, whatever tipVisibleMs says, the views fade it out as it nears,
     * and a device that connects later never gets it.
     */
    tipFadesAfterMs: z.number().int().positive().default(15_000),
    /** "Snooze" hides tips for this long. */
    snoozeMs: Ms.default(300_000),
    /** Flags below this severity never become a live tip. */
    minSeverity: Severity.default('low'),
    /**
     * A text finding is shown live only when its calibrated confidence reaches this (0–1); a
     * finding without a confidence (phrase rules alone, timing) counts as sure. The rest is
     * recorded and shown in review. The shipped rules/coach.yaml sets it from the dev split
     * (`klachtcoach eval corpus-dev --field asrHeavy`); 0.5 is for a file that leaves it out.
     */
    liveConfidence: z.number().min(0).max(1).default(0.5),
    praise: z
      .object({
        enabled: z.boolean().default(true),
        /** At most one praise per this interval: praise that comes too often stops meaning anything. */
        minGapMs: Ms.default(90_000),
      })
      .strict()
      .prefault({}),
    behaviours: z.partialRecord(BehaviourId, BehaviourOverride).default({}),
    /** Per rule id: the rule file's pacing, filled in by withRulePacing; an entry here wins over the file. */
    rules: z.record(z.string(), RulePacing).default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.minVisibleBeforeReplaceMs > c.tipVisibleMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['minVisibleBeforeReplaceMs'],
        message: `must not exceed tipVisibleMs (${c.tipVisibleMs})`,
      });
    }
  });
export type CoachConfig = z.infer<typeof CoachConfig>;

/** The built-in defaults (the same values rules/coach.yaml ships with). */
export const DEFAULT_COACH_CONFIG: CoachConfig = CoachConfig.parse({});

export function cooldownFor(config: CoachConfig, behaviour: BehaviourId): number {
  return config.behaviours[behaviour]?.cooldownMs ?? config.cooldownPerBehaviourMs;
}

/** The same rule is not tipped again within its own pacing cooldown; 0 when its file sets none. */
export function ruleCooldownFor(config: CoachConfig, ruleId: string): number {
  return config.rules[ruleId]?.cooldownMs ?? 0;
}

/** The coach config with each rule file's `pacing` added (coach.yaml's own `rules` entries win). */
export function withRulePacing(
  config: CoachConfig,
  rules: readonly { header: { id: string; pacing?: RulePacing | undefined } }[],
): CoachConfig {
  const fromFiles = Object.fromEntries(rules.flatMap((r) => (r.header.pacing ? [[r.header.id, r.header.pacing]] : [])));
  return { ...config, rules: { ...fromFiles, ...config.rules } };
}

export function isLiveTipEnabled(config: CoachConfig, behaviour: BehaviourId): boolean {
  return config.behaviours[behaviour]?.enabled ?? true;
}
