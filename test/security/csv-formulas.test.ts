// Issue 15, item 15: cells a spreadsheet would still run as a formula after the plain check.
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../main/store/csv-export.ts';

describe('CSV cells that start a formula in disguise', () => {
  it('prefixes a formula behind leading spaces or a tab', () => {
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('   @SUM(A1)')).toBe("'   @SUM(A1)");
    expect(csvCell('\u00a0-2+3')).toBe("'\u00a0-2+3");
  });

  it('prefixes the full-width signs an input method types', () => {
    expect(csvCell('＝HYPERLINK("http://x")')).toBe(`"'＝HYPERLINK(""http://x"")"`);
    expect(csvCell('＋1')).toBe("'＋1");
    expect(csvCell('－1')).toBe("'－1");
    expect(csvCell('＠A1')).toBe("'＠A1");
    expect(csvCell(' ＝1')).toBe("' ＝1");
  });

  it('leaves ordinary text alone, also text with a sign further on', () => {
    expect(csvCell('dat valt wel mee')).toBe('dat valt wel mee');
    expect(csvCell('a = b')).toBe('a = b');
    expect(csvCell('  gewoon')).toBe('  gewoon');
  });
});
