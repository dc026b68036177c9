// Numbers, times and dates as every page shows them: Dutch formats ("0,5", "58%", "1 dec 2026")
// and one m:ss clock for call times (review and the live views once had two, one rounding and
// one truncating). Pure, so tested without a browser.

const NL = 'nl-NL';

/**
 * Call time as m:ss ("3:12"), from ms since the start of the call. Whole seconds are truncated,
 * as a running clock shows them, so a tip at 3:12.9 reads 3:12 on every screen.
 */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

const decimals = new Map<number, Intl.NumberFormat>();

/** A number with a decimal comma: decimal(0.25, 2) = "0,25". At most `digits` decimals, no trailing zeros. */
export function decimal(value: number, digits = 1): string {
  let format = decimals.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(NL, { maximumFractionDigits: digits });
    decimals.set(digits, format);
  }
  return format.format(value);
}

const percentFormat = new Intl.NumberFormat(NL, { style: 'percent', maximumFractionDigits: 0 });

/** A share 0–1 as "58%"; null (not known yet) as null, for the caller to word. */
export function percent(share: number | null): string | null {
  return share === null ? null : percentFormat.format(share);
}

const dateFormat = new Intl.DateTimeFormat(NL, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(NL, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dayMonthUtc = new Intl.DateTimeFormat(NL, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "1 dec 2026" (Intl writes the short month with a dot, "dec."; Dutch style drops it). */
export function date(epochMs: number): string {
  return noMonthDot(dateFormat.format(new Date(epochMs)));
}

/** "1 dec 2026 14:05" (Intl puts a comma before the time). */
export function dateTime(epochMs: number): string {
  return noMonthDot(dateTimeFormat.format(new Date(epochMs))).replace(', ', ' ');
}

const timeFormat = new Intl.DateTimeFormat(NL, { hour: '2-digit', minute: '2-digit' });

/** The time of day: "10:42". */
export function timeOfDay(epochMs: number): string {
  return timeFormat.format(new Date(epochMs));
}

/** A week by its Monday (YYYY-MM-DD, UTC): "1 dec". */
export function weekOf(isoMonday: string): string {
  return noMonthDot(dayMonthUtc.format(new Date(`${isoMonday}T00:00:00Z`)));
}

function noMonthDot(text: string): string {
  return text.replace(/([a-z]{3})\./g, '$1');
}
