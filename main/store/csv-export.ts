// CSV export of the findings of the filtered calls, one row per finding, for spreadsheets.
// Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an
// apostrophe: agent words are untrusted text (OWASP "CSV injection"). Spreadsheets also skip
// leading spaces before a formula and read the full-width signs (＝ ＋ － ＠, as an IME types
// them) as the ASCII ones, so those get the apostrophe too.
import { behaviourLabel } from '../contracts/behaviours.ts';
import type { CallStore } from './open-store.ts';
import { callFilterSql, type CallFilters } from './call-filters.ts';

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** One CSV cell; also used by the team server's export. A `;` is quoted too, for spreadsheets set to Dutch that split on it. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\n\r,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface CsvRow {
  callId: string;
  agentId: string;
  startedAtMs: number;
  kind: string;
  behaviour: string;
  ruleId: string;
  atMs: number;
  severity: string;
  source: string;
  tip: string;
  words: string | null;
  shown: number;
  acknowledged: number;
  verdict: string | null;
  comment: string | null;
  supervisor: string | null;
  headline: string | null;
  say: string | null;
  confidence: number | null;
  origin: string | null;
  heldReason: string | null;
  tipOutcome: string | null;
  agentReply: string | null;
}

const yesNo = (flag: number): string => (flag === 1 ? 'yes' : 'no');

/**
 * The columns in order: header and how each cell is made. `behaviour_name` is the catalogue's one
 * Dutch name (the same the screens show); ids and times stay machine-readable for spreadsheets.
 */
const COLUMNS: readonly [string, (r: CsvRow) => unknown][] = [
  ['call_id', (r) => r.callId], ['agent_id', (r) => r.agentId], ['call_started_utc', (r) => new Date(r.startedAtMs).toISOString()],
  ['kind', (r) => r.kind], ['behaviour', (r) => r.behaviour], ['behaviour_name', (r) => behaviourLabel(r.behaviour)],
  ['rule_id', (r) => r.ruleId], ['at_ms', (r) => r.atMs], ['severity', (r) => r.severity], ['source', (r) => r.source],
  ['tip', (r) => r.tip], ['words', (r) => r.words], ['shown', (r) => yesNo(r.shown)], ['acknowledged', (r) => yesNo(r.acknowledged)],
  ['verdict', (r) => r.verdict], ['comment', (r) => r.comment], ['marked_by', (r) => r.supervisor],
  ['headline', (r) => r.headline], ['say', (r) => r.say], ['confidence', (r) => r.confidence], ['origin', (r) => r.origin],
  ['not_shown_because', (r) => r.heldReason], ['tip_outcome', (r) => r.tipOutcome], ['agent_reply', (r) => r.agentReply],
];

export function exportFindingsCsv(store: CallStore, filters: CallFilters): string {
  const { where, params } = callFilterSql(filters);
  const rows = store.db
    .prepare(
      `SELECT c.id AS callId, c.agent_id AS agentId, c.started_at_ms AS startedAtMs, f.kind, f.behaviour, f.rule_id AS ruleId,
         f.at_ms AS atMs, f.severity, f.source, f.tip, f.span_text AS words, f.shown, f.acknowledged,
         m.verdict, m.comment, m.supervisor, f.headline, f.say, f.confidence, f.origin, f.held_reason AS heldReason,
         f.tip_outcome AS tipOutcome, f.agent_reply AS agentReply
       FROM calls c JOIN findings f ON f.call_id = c.id LEFT JOIN marks m ON m.finding_id = f.id
       ${where}
       ORDER BY c.started_at_ms DESC, c.id, f.at_ms, f.id`,
    )
    .all(params) as CsvRow[];
  return toCsv(COLUMNS, rows);
}

/** A header row and one row per item, each cell through csvCell. */
export function toCsv<R>(columns: readonly (readonly [string, (r: R) => unknown])[], rows: readonly R[]): string {
  const lines = [columns.map(([header]) => header).join(',')];
  for (const row of rows) lines.push(columns.map(([, cell]) => csvCell(cell(row))).join(','));
  // CRLF per RFC 4180, so spreadsheet programs split rows the same everywhere.
  return `${lines.join('\r\n')}\r\n`;
}
