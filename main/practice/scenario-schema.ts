// A practice scenario as trainers write it (scenarios/<lang>/<id>.yaml): who the customer is, the
// guide behaviours the round trains, the customer's lines with the condition under which each is
// said, when the round ends, and scripted rounds (examples) that must produce a given path.
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';

const Behaviours = z.union([BehaviourId, z.array(BehaviourId).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

/**
 * What the trainee just did. A string is a plain condition; an object names behaviours the
 * engine flagged (unhelpful) or praised (helpful) in the trainee's last turn, any one suffices.
 */
export const LineCondition = z.union([
  z.enum(['anything', 'interrupted', 'silence']),
  z.strictObject({ flagged: Behaviours }),
  z.strictObject({ praised: Behaviours }),
]);
export type LineCondition = z.infer<typeof LineCondition>;

export const CustomerLine = z.strictObject({
  /** Names the line in example paths and on the score card. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'line ids are lower case a-z, 0-9 and "-"'),
  when: LineCondition,
  say: z.string().min(1),
  /** The customer closes the call with this line: the round is over. */
  ends: z.boolean().default(false),
});
export type CustomerLine = z.infer<typeof CustomerLine>;

/** One scripted trainee turn: words (said after the customer finished, or over them), or silence. */
export const ScriptedTurn = z.union([
  z.strictObject({ say: z.string().min(1), interrupt: z.boolean().default(false) }),
  z.strictObject({ silence: z.literal(true) }),
]);
export type ScriptedTurn = z.infer<typeof ScriptedTurn>;

export const ScenarioExample = z.strictObject({
  name: z.string().min(1),
  turns: z.array(ScriptedTurn).min(1),
  /** The customer's lines after the opening, by id, in order; the round must end after the last. */
  path: z.array(z.string()).min(1),
  /** Goals the score card must count as shown (the rest of the goals as missed). */
  shown: z.array(BehaviourId).optional(),
});
export type ScenarioExample = z.infer<typeof ScenarioExample>;

export const Scenario = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lower case a-z, 0-9 and "-"'),
  title: z.string().min(1),
  /** Who the customer is, shown to the trainee before the round. */
  persona: z.string().min(1),
  situation: z.string().min(1),
  /** Helpful behaviours (catalogue ids) this round trains; the score card is built on them. */
  goals: z.array(BehaviourId).min(1),
  opening: z.string().min(1),
  /** After this much silence from the trainee the customer presses on (a `silence` line). */
  silenceMs: z.number().int().min(2000).max(60000).default(8000),
  end: z.strictObject({
    /** The round ends after this many trainee turns if no `ends` line came first. */
    maxTurns: z.number().int().min(1).max(40),
  }),
  lines: z.array(CustomerLine).min(2),
  examples: z.array(ScenarioExample).min(2, 'give at least a good and a poor round'),
});
export type Scenario = z.infer<typeof Scenario>;
