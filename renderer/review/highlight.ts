// Which words of the agent's utterance to highlight for a finding: the evidence spans (the words
// that carried the decision) in the utterance the finding is about, or the rule's triggering span.
// Offsets are UTF-16 characters of the utterance text (main/contracts/finding.ts). A span whose
// offsets no longer fit the stored text is found by its words instead; one that cannot be found is
// left out rather than marking the wrong words. Pure, so tested without a browser.
import type { ReviewFinding, StoredUtterance } from './api-types.ts';

export interface Range {
  start: number;
  end: number;
}

/** Character ranges to mark in `u`'s text for finding `f`, sorted and merged; empty when none apply. */
export function highlightRanges(f: ReviewFinding, u: StoredUtterance): Range[] {
  if (u.text === null) return [];
  const text = u.text;
  const ownUtterance = f.rangeMs !== null && f.rangeMs.startMs === u.startMs && f.rangeMs.endMs === u.endMs;
  const spans = f.evidence && f.evidence.length > 0 ? f.evidence : f.span ? [f.span] : [];
  const ranges: Range[] = [];
  for (const span of spans) {
    const exact = ownUtterance && span.text !== null && text.slice(span.startChar, span.endChar).toLowerCase() === span.text.toLowerCase();
    if (exact) {
      ranges.push({ start: span.startChar, end: span.endChar });
      continue;
    }
    if (!span.text) continue;
    const at = text.toLowerCase().indexOf(span.text.toLowerCase());
    if (at >= 0) ranges.push({ start: at, end: at + span.text.length });
  }
  return merge(ranges);
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The text cut into plain and marked pieces, in order. */
export function pieces(text: string, ranges: readonly Range[]): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), marked: false });
    out.push({ text: text.slice(r.start, r.end), marked: true });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
