// The token-pattern language of `phrase` rules, compiled once at load into small matcher
// closures. Patterns are written in normalised Dutch words, so "Dat kan niet" and
// "dat kan nie" meet the same pattern. Syntax (whitespace = sequence; `|` binds loosest):
//   word        one word (folded like the utterance: "jij" -> "je", "drie" -> "3")
//   word*       any word starting with "word" (belo* = beloof, beloven, belooft)
//   (a b|c)     a group of alternatives, each a sequence
//   x?          optional item;  _ any one word;  _{0,3} zero to three words of any kind
//   <num>       a number (digits, or "een")
//   @name       a shared word list from a lists.yaml file
//   ^ $         start / end of the utterance ("verder?" said as the last word)
// Filler words ("eh", "nou", "hè") between the words of a pattern are stepped over, and the
// articles de/het/een are optional, because recognisers drop short words.
import { canonicalWord, type Token, type Tokens } from './normalise.ts';

/** A compiled matcher in continuation style: calls `k` with each possible end; stops on true. */
export type Matcher = (tokens: readonly Token[], pos: number, k: (end: number) => boolean) => boolean;

export class PatternError extends Error {}

type Node =
  | { t: 'word'; words: Set<string>; alikes?: Set<string> }
  | { t: 'prefix'; prefix: string }
  | { t: 'num' }
  | { t: 'any'; min: number; max: number }
  | { t: 'edge'; at: 'start' | 'end' }
  | { t: 'opt'; inner: Node }
  | { t: 'mayMiss'; inner: Node }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] };

/** Articles a recogniser often drops; a pattern never requires them. */
const DROPPABLE = new Set(['de', 'het', 'een']);

/**
 * Short function words a recogniser also drops ("ik heb [het] u al gezegd"). Unlike articles
 * they carry some meaning, so a match may do without at most ONE of them. Words that turn the
 * meaning around (niet, geen, wel, nee, al, nog, maar) are never in this list. "we" may go;
 * "ik", "u" and "je" only in longer phrases (MAY_MISS_IN_LONG below). The one miss is the
 * match's one repair: a sound-alike word (SOUNDS_ALIKE) spends it too.
 */
const MAY_MISS = new Set(['dat', 'die', 'dit', 'het', 'er', 'is', 'in', 'op', 'te', 'van', 'aan', 'om', 'met', 'heb', 'ben', 'hem', 'dan', 'zo', 'we', 'wij']);
/**
 * "ik", "u" and "je" say who did what, yet they are the short words a recogniser drops most. In a
 * phrase of four or more required words the rest still pins the meaning down, so there (and only
 * there) one of them may be missed. Where the pronoun IS the point, the rule groups it so it is
 * never missed: "(zoals ik) u al zei" stays apart from the customer-quoting "zoals u al zei".
 */
const MAY_MISS_IN_LONG: ReadonlySet<string> = new Set([...MAY_MISS, 'ik', 'u', 'je']);
const MAX_GAP = 8;

/**
 * Function words a recogniser confuses because they sound alike on a phone line (Whisper writes
 * "het" for "de", "je" for "u", "en" for "een"). A pattern word from one of these classes also
 * matches the others. The classes are applied after the pattern is parsed, so which words are
 * optional or may be missed is still decided by what the author wrote. Words that turn the
 * meaning around (niet/wel) are never confused here; "dat"/"wat" gets the narrower rule below.
 */
const SOUNDS_ALIKE: readonly (readonly string[])[] = [['de', 'het'], ['u', 'je'], ['een', 'en']];
/**
 * "dat" is heard as "wat" just as often, but only ONE way and only INSIDE a match: a pattern's
 * "dat" also takes "wat" ("ik hoor wat u boos bent"), while a pattern's "wat" is a question word
 * ("sorry, wat zei u") that must not take the everyday "dat" ("sorry dat u moest wachten"), and a
 * sentence that starts with "wat" ("wat vervelend") is another sentence than one starting with "dat".
 */
const ALIKE = new Map(SOUNDS_ALIKE.flatMap((c) => c.map((w) => [w, c] as const)));
const ALIKE_INSIDE: ReadonlyMap<string, readonly string[]> = new Map([...ALIKE, ['dat', ['dat', 'wat']]]);

/** The words a recogniser confuses with the pattern's words (the pattern's own words left out). */
export function soundAlikes(words: ReadonlySet<string>, inside = false): Set<string> {
  const out = new Set<string>();
  const alikes = inside ? ALIKE_INSIDE : ALIKE;
  for (const w of words) for (const alike of alikes.get(w) ?? []) if (!words.has(alike)) out.add(alike);
  return out;
}

export type ListLookup = (name: string) => Node | undefined;
export type { Node as PatternNode };

const LEX = /\s*(\(|\)|\||\?|\^|\$|\{\d+,\d+\}|<num>|@[a-z][a-z0-9_-]*|_|[\p{L}\p{N}'’-]+\*?)/uy;

function lex(src: string): string[] {
  const out: string[] = [];
  LEX.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    LEX.lastIndex = pos;
    const m = LEX.exec(src);
    if (!m) throw new PatternError(`unexpected "${src.slice(pos).trim().slice(0, 12)}" at character ${pos + 1}`);
    out.push(m[1]!);
    pos = LEX.lastIndex;
  }
  return out;
}

/** Parses a pattern source into a tree; lists are resolved here so a missing list fails at load. */
export function parsePattern(src: string, lists: ListLookup): Node {
  const toks = lex(src);
  let i = 0;
  const peek = (): string | undefined => toks[i];

  function alt(): Node {
    const alts = [seq()];
    while (peek() === '|') {
      i++;
      alts.push(seq());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }
  function seq(): Node {
    const items: Node[] = [];
    while (i < toks.length && peek() !== '|' && peek() !== ')') items.push(item());
    if (items.length === 0) throw new PatternError('empty alternative (check the "|" and parentheses)');
    if (items.length === 1) return items[0]!;
    // An article among other words may be missing; an article that is a whole alternative,
    // as in "(dat|het)", is a choice the author made and stays required.
    // A short word may be missed only in a longer phrase: "klopt dat" without "dat" is just "klopt".
    const required = items.filter((n) => !canBeEmpty(n) && !isDroppable(n)).length;
    return {
      t: 'seq',
      items: items.map((n): Node => (isDroppable(n) ? { t: 'opt', inner: n } : (required >= 3 && mayMiss(n, MAY_MISS)) || (required >= 4 && mayMiss(n, MAY_MISS_IN_LONG)) ? { t: 'mayMiss', inner: n } : n)),
    };
  }
  function item(): Node {
    let node = atom();
    const q = peek();
    if (q === '?') {
      i++;
      node = { t: 'opt', inner: node };
    } else if (q !== undefined && q.startsWith('{')) {
      if (node.t !== 'any') throw new PatternError(`a count ${q} may only follow "_"`);
      const [min, max] = q.slice(1, -1).split(',').map(Number) as [number, number];
      if (min > max || max > MAX_GAP) throw new PatternError(`gap ${q} must have min <= max <= ${MAX_GAP}`);
      i++;
      node = { t: 'any', min, max };
    }
    return node;
  }
  function atom(): Node {
    const tok = toks[i++];
    if (tok === undefined) throw new PatternError('pattern ends too early');
    if (tok === '(') {
      const inner = alt();
      if (toks[i++] !== ')') throw new PatternError('missing ")"');
      return inner;
    }
    if (tok === ')' || tok === '|' || tok === '?' || tok.startsWith('{')) throw new PatternError(`unexpected "${tok}"`);
    if (tok === '_') return { t: 'any', min: 1, max: 1 };
    if (tok === '^') return { t: 'edge', at: 'start' };
    if (tok === '$') return { t: 'edge', at: 'end' };
    if (tok === '<num>') return { t: 'num' };
    if (tok.startsWith('@')) {
      const list = lists(tok.slice(1));
      if (!list) throw new PatternError(`unknown word list ${tok}`);
      return list;
    }
    if (tok.endsWith('*')) {
      const prefix = canonicalWord(tok.slice(0, -1));
      if (prefix.length < 3) throw new PatternError(`prefix "${tok}" is too short (3 letters at least)`);
      return { t: 'prefix', prefix };
    }
    return { t: 'word', words: new Set([canonicalWord(tok)]) };
  }

  const tree = alt();
  if (i < toks.length) throw new PatternError(`unexpected "${toks[i]}"`);
  if (canBeEmpty(tree)) throw new PatternError('pattern can match nothing at all (every part is optional)');
  return tree;
}

function mayMiss(n: Node, list: ReadonlySet<string>): boolean {
  if (n.t === 'word') return [...n.words].every((w) => list.has(w));
  if (n.t === 'alt') return n.alts.every((a) => a.t === 'word' && mayMiss(a, list));
  return false;
}

function isDroppable(n: Node): boolean {
  return n.t === 'word' && n.words.size === 1 && DROPPABLE.has([...n.words][0]!);
}

/** Can a match go past this item without consuming a word (optional, or a word that may be missed)? */
function skippable(n: Node): boolean {
  return n.t === 'mayMiss' || canBeEmpty(n);
}

function canBeEmpty(n: Node): boolean {
  switch (n.t) {
    case 'opt': return true;
    case 'mayMiss': return false;
    case 'edge': return true;
    case 'any': return n.min === 0;
    case 'seq': return n.items.every(canBeEmpty);
    case 'alt': return n.alts.some(canBeEmpty);
    default: return false;
  }
}

function wordNode(words: Set<string>, inside: boolean): Node {
  const alikes = soundAlikes(words, inside);
  return alikes.size === 0 ? { t: 'word', words } : { t: 'word', words, alikes };
}

/** A pattern word with the words a recogniser may have heard instead. */
const wordsAndAlikes = (n: { words: Set<string>; alikes?: Set<string> }): Set<string> =>
  n.alikes ? new Set([...n.words, ...n.alikes]) : n.words;

/**
 * Single-word alternatives become one Set lookup instead of a chain of closures, and pattern
 * words take in their sound-alikes (`inside`: also those that only count inside a match).
 */
function simplify(n: Node, inside: boolean): Node {
  const again = (m: Node): Node => simplify(m, inside);
  switch (n.t) {
    case 'alt': {
      const alts = n.alts.map(again);
      if (alts.every((a) => a.t === 'word')) {
        return wordNode(new Set(alts.flatMap((a) => [...(a as { words: Set<string> }).words])), inside);
      }
      return { t: 'alt', alts };
    }
    case 'seq': return { t: 'seq', items: n.items.map(again) };
    case 'opt': return { t: 'opt', inner: again(n.inner) };
    case 'mayMiss': return { t: 'mayMiss', inner: again(n.inner) };
    case 'word': return wordNode(n.words, inside);
    default: return n;
  }
}

/** One token test, stepping over fillers that the test itself does not name. */
function wordMatcher(test: (norm: string) => boolean): Matcher {
  return (tokens, pos, k) => {
    for (let i = pos; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (test(tok.norm) && k(i + 1)) return true;
      if (!tok.filler) return false;
    }
    return false;
  };
}

/** How many "may miss" words a match may still do without; reset by `find` for every start. */
interface MissBudget {
  left: number;
}

export function compileNode(n: Node, budget: MissBudget = { left: 0 }): Matcher {
  const compileNode_ = (m: Node): Matcher => compileNode(m, budget);
  switch (n.t) {
    case 'word': {
      const { words, alikes } = n;
      if (!alikes) return wordMatcher((w) => words.has(w));
      // A sound-alike is a repair, like a missed word: it spends the match's one repair.
      return (tokens, pos, k) => {
        for (let i = pos; i < tokens.length; i++) {
          const tok = tokens[i]!;
          if (words.has(tok.norm) && k(i + 1)) return true;
          if (alikes.has(tok.norm) && budget.left > 0) {
            budget.left--;
            const ok = k(i + 1);
            budget.left++;
            if (ok) return true;
          }
          if (!tok.filler) return false;
        }
        return false;
      };
    }
    case 'prefix': {
      const prefix = n.prefix;
      return wordMatcher((w) => w.startsWith(prefix));
    }
    case 'num':
      return wordMatcher((w) => w === 'een' || /^\d+$/.test(w));
    case 'any': {
      const { min, max } = n;
      return (tokens, pos, k) => {
        for (let len = min; len <= max && pos + len <= tokens.length; len++) if (k(pos + len)) return true;
        return false;
      };
    }
    case 'edge': {
      // Zero-width; fillers before the edge do not count ("verder eh" still ends on "verder").
      const onlyFillers = (tokens: readonly Token[], from: number, to: number): boolean => {
        for (let i = from; i < to; i++) if (!tokens[i]!.filler) return false;
        return true;
      };
      return n.at === 'start'
        ? (tokens, pos, k) => onlyFillers(tokens, 0, pos) && k(pos)
        : (tokens, pos, k) => onlyFillers(tokens, pos, tokens.length) && k(pos);
    }
    case 'opt': {
      const inner = compileNode_(n.inner);
      return (tokens, pos, k) => inner(tokens, pos, k) || k(pos);
    }
    case 'mayMiss': {
      const inner = compileNode_(n.inner);
      return (tokens, pos, k) => {
        if (inner(tokens, pos, k)) return true;
        if (budget.left === 0) return false;
        budget.left--;
        const ok = k(pos);
        budget.left++;
        return ok;
      };
    }
    case 'alt': {
      const alts = n.alts.map(compileNode_);
      return (tokens, pos, k) => {
        for (const a of alts) if (a(tokens, pos, k)) return true;
        return false;
      };
    }
    case 'seq': {
      // Fold from the right: each item continues into the rest of the sequence.
      const compiled = n.items.map(compileNode_);
      let rest: Matcher = compiled[compiled.length - 1]!;
      for (let idx = compiled.length - 2; idx >= 0; idx--) {
        const head = compiled[idx]!;
        const tail = rest;
        rest = (tokens, pos, k) => head(tokens, pos, (e) => tail(tokens, e, k));
      }
      return rest;
    }
  }
}

/**
 * What a match can start with: one of these words, a word with one of these prefixes, or a
 * number. null when a match may start at any word (a leading "_"). Lets `find` skip, in one
 * Set lookup, every position (and most utterances) where the pattern cannot begin.
 */
interface Starter {
  words: Set<string>;
  prefixes: string[];
  num: boolean;
}

function starter(n: Node): Starter | null {
  const merge = (parts: Node[], stopAtRequired: boolean): Starter | null => {
    const acc: Starter = { words: new Set(), prefixes: [], num: false };
    for (const part of parts) {
      const f = starter(part);
      if (f === null) return null;
      for (const w of f.words) acc.words.add(w);
      acc.prefixes.push(...f.prefixes);
      acc.num ||= f.num;
      if (stopAtRequired && !skippable(part)) return acc;
    }
    return acc;
  };
  switch (n.t) {
    case 'word': return { words: wordsAndAlikes(n), prefixes: [], num: false };
    case 'prefix': return { words: new Set(), prefixes: [n.prefix], num: false };
    case 'num': return { words: new Set(['een']), prefixes: [], num: true };
    case 'edge': return { words: new Set(), prefixes: [], num: false };
    case 'opt': return starter(n.inner);
    case 'mayMiss': return starter(n.inner);
    case 'seq': return merge(n.items, true);
    case 'alt': return merge(n.alts, false);
    case 'any': return null;
  }
}

/**
 * Word sets every match must touch: one word of each set appears in any match. Checking them
 * against the utterance's words rules most patterns out before any matching is tried.
 */
function requirements(n: Node): Set<string>[] {
  switch (n.t) {
    case 'word': return [wordsAndAlikes(n)];
    case 'seq': return n.items.flatMap((item) => (skippable(item) ? [] : requirements(item)));
    case 'alt': {
      const firsts = n.alts.map((a) => requirements(a)[0]);
      if (firsts.some((f) => f === undefined)) return [];
      return [new Set(firsts.flatMap((f) => [...f!]))];
    }
    default: return [];
  }
}

/**
 * Requirement words by number, so "does the utterance have one of these words?" is an array
 * read instead of a string lookup: the test runs for every open pattern of every utterance,
 * hundreds of times. Words get their numbers as patterns compile; the utterance being matched
 * has its words marked once, when a pattern first looks at it.
 */
class WordPresence {
  private readonly ids = new Map<string, number>();
  private marks = new Int32Array(0);
  private stamp = 0;
  /** The utterance whose words are marked (held, so a new one can never be the same object). */
  private current: Tokens | null = null;

  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
      // The utterance marked before this word had a number may have it: mark it again.
      this.current = null;
    }
    return id;
  }

  /** Marks the words of `tokens` (once per utterance); returns the stamp that marks them. */
  of(tokens: Tokens): number {
    if (tokens !== this.current) {
      this.current = tokens;
      // New words got numbers since the last utterance: room for them (old marks are stale anyway).
      if (this.marks.length < this.ids.size) this.marks = new Int32Array(2 * this.ids.size);
      this.stamp = (this.stamp + 1) | 0;
      if (this.stamp === 0) {
        this.marks.fill(0);
        this.stamp = 1;
      }
      for (const w of tokens.words) {
        const id = this.ids.get(w);
        if (id !== undefined) this.marks[id] = this.stamp;
      }
    }
    return this.stamp;
  }

  has(id: number, stamp: number): boolean {
    return this.marks[id] === stamp;
  }
}
const presence = new WordPresence();

/** Does the utterance have a word of every requirement (each a list of word numbers)? */
function mayMatchIn(reqs: readonly Int32Array[], tokens: Tokens): boolean {
  const stamp = presence.of(tokens);
  for (let r = 0; r < reqs.length; r++) {
    const req = reqs[r]!;
    let hit = false;
    for (let i = 0; i < req.length; i++) {
      if (presence.has(req[i]!, stamp)) {
        hit = true;
        break;
      }
    }
    if (!hit) return false;
  }
  return true;
}

function canStart(st: Starter, norm: string): boolean {
  if (st.words.has(norm)) return true;
  for (const p of st.prefixes) if (norm.startsWith(p)) return true;
  return st.num && /^\d+$/.test(norm);
}

export interface TokenRange {
  /** Index of the first token of the match. */
  start: number;
  /** Index one past the last token of the match. */
  end: number;
}

export interface CompiledPattern {
  source: string;
  /** Every literal word the pattern names (for near-miss spelling of recogniser output). */
  vocabulary: ReadonlySet<string>;
  /**
   * Words of which every match contains at least one (the pattern's most selective requirement),
   * or null when no word is required. An utterance with none of them cannot match.
   */
  gate: ReadonlySet<string> | null;
  /** Leftmost match at or after token `from` (and starting before `until`), or null. */
  find(tokens: Tokens, from?: number, until?: number): TokenRange | null;
}

export function compilePattern(src: string, lists: ListLookup): CompiledPattern {
  const parsed = parsePattern(src, lists);
  const tree = simplify(parsed, true);
  const budget: MissBudget = { left: 1 };
  const matcher = compileNode(tree, budget);
  // Starts come from the tree without the inside-only classes: a match may not START on "wat"
  // where the author wrote "dat". (The matcher itself would accept it; `find` never tries there.)
  const first = starter(simplify(parsed, false));
  const requirementSets = requirements(tree);
  // Smallest first: a short list that fails rules the pattern out soonest.
  const reqs = requirementSets.map((r) => Int32Array.from(r, (w) => presence.idOf(w))).sort((a, b) => a.length - b.length);
  const vocabulary = new Set<string>();
  const collect = (n: Node): void => {
    if (n.t === 'word') for (const w of n.words) vocabulary.add(w);
    else if (n.t === 'seq') n.items.forEach(collect);
    else if (n.t === 'alt') n.alts.forEach(collect);
    else if (n.t === 'opt' || n.t === 'mayMiss') collect(n.inner);
  };
  collect(tree);
  const gate = requirementSets.length === 0 ? null : requirementSets.reduce((a, b) => (b.size < a.size ? b : a));
  // Where the last match ended. One continuation per pattern, not one per call: `find` runs
  // hundreds of times per utterance, and matching is never re-entered.
  let end = -1;
  const accept = (e: number): boolean => {
    end = e;
    return true;
  };
  return {
    source: src,
    vocabulary,
    gate,
    find(tokens, from = 0, until = tokens.length) {
      if (!mayMatchIn(reqs, tokens)) return null;
      for (let s = from; s < until; s++) {
        const tok = tokens[s]!;
        if (first === null) {
          // A match never starts on a filler: the span should begin at a real word.
          if (tok.filler) continue;
        } else if (!canStart(first, tok.norm)) {
          continue;
        }
        budget.left = 1;
        if (matcher(tokens, s, accept)) return { start: s, end };
      }
      return null;
    },
  };
}

/** Turns a list of pattern sources (one list entry each) into one alternative node. */
export function listNode(entries: readonly string[], lists: ListLookup): Node {
  const alts = entries.map((e) => parsePattern(e, lists));
  return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
}
