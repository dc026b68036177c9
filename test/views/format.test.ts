// Issue 14, item 4: Dutch number and date formats on every page, and one m:ss clock (review and
// the live views once had two, one rounding and one truncating, so the same tip read 3:12 on one
// screen and 3:13 on the other).
import { describe, expect, it } from 'vitest';
import { clock, date, dateTime, decimal, percent, weekOf } from '../../renderer/shared/format.ts';

describe('shared formats', () => {
  it('m:ss truncates to whole seconds, as a running clock does', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(9_999)).toBe('0:09');
    expect(clock(192_900)).toBe('3:12');
    expect(clock(3_600_000)).toBe('60:00');
    expect(clock(-500)).toBe('0:00');
  });

  it('numbers with a decimal comma, shares as whole percentages', () => {
    expect(decimal(0.5)).toBe('0,5');
    expect(decimal(0.344, 2)).toBe('0,34');
    expect(decimal(2)).toBe('2');
    expect(percent(0.58)).toBe('58%');
    expect(percent(null)).toBeNull();
  });

  it('dates in Dutch with the short month and no dot', () => {
    // Noon UTC is 1 December in every time zone from UTC-11 to UTC+11.
    const noon = Date.UTC(2026, 11, 1, 12, 0);
    expect(date(noon)).toBe('1 dec 2026');
    expect(dateTime(noon)).toMatch(/^1 dec 2026 \d{2}:\d{2}$/);
    expect(weekOf('2026-03-02')).toBe('2 mrt');
  });
});
