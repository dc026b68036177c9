// CSV export of the findings of the filtered calls, one row per finding, for spreadsheets.
// Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an
// apostrophe: agent words are untrusted text (OWASP "CSV injection"). Spreadsheets also skip
// leading spaces before a formula and read the full-width signs (＝ ＋ － ＠, as an IME types
// them) as the ASCII ones, so those get the apostrophe too.
import type { CallStore } from './open-store.ts';
import { callFilterSql, type CallFilters } from './call-filters.ts';

const HEADER = [
  'call_id', 'agent_id', 'call_started_utc', 'kind', 'behaviour', 'rule_id', 'at_ms', 'severity', 'source',
  'tip', 'words', 'shown', 'acknowledged', 'verdict', 'comment', 'marked_by',
];

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** One CSV cell; also used by the team server's export. A `;` is quoted too, for spreadsheets set to Dutch that split on it. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\n\r,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportFindingsCsv(store: CallStore, filters: CallFilters): string {
  const { where, params } = callFilterSql(filters);
  const rows = store.db
    .prepare(
      `SELECT c.id, c.agent_id, c.started_at_ms, f.kind, f.behaviour, f.rule_id, f.at_ms, f.severity, f.source,
         f.tip, f.span_text, f.shown, f.acknowledged, m.verdict, m.comment, m.supervisor
       FROM calls c JOIN findings f ON f.call_id = c.id LEFT JOIN marks m ON m.finding_id = f.id
       ${where}
       ORDER BY c.started_at_ms DESC, c.id, f.at_ms, f.id`,
    )
    .raw()
    .all(params) as unknown[][];
  const lines = [HEADER.join(',')];
  for (const row of rows) {
    const cells = [...row];
    cells[2] = new Date(cells[2] as number).toISOString();
    cells[11] = cells[11] === 1 ? 'yes' : 'no';
    cells[12] = cells[12] === 1 ? 'yes' : 'no';
    lines.push(cells.map(csvCell).join(','));
  }
  // CRLF per RFC 4180, so spreadsheet programs split rows the same everywhere.
  return `${lines.join('\r\n')}\r\n`;
}
