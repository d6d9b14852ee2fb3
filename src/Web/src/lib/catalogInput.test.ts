import { describe, expect, it } from 'vitest';
import { buildCatalog, parseColumns } from './catalogInput';

describe('catalog drafts', () => {
  it('parses column names', () => {
    expect(parseColumns(' Code, City ;Region,, ')).toEqual(['Code', 'City', 'Region']);
  });

  it('builds headers and items from columns and pasted rows', () => {
    expect(buildCatalog({ columns: 'Code, City', rows: 'MSK\tMoscow\nSPB', firstRowIsHeader: false })).toEqual({
      input: { headers: [{ name: 'Code' }, { name: 'City' }], items: [{ values: ['MSK', 'Moscow'] }, { values: ['SPB', ''] }] },
      errors: [],
    });
  });

  it('takes the columns from the first row when asked', () => {
    const { input } = buildCatalog({ columns: 'ignored', rows: 'Code,City\nMSK,Moscow', firstRowIsHeader: true });
    expect(input?.headers).toEqual([{ name: 'Code' }, { name: 'City' }]);
    expect(input?.items).toEqual([{ values: ['MSK', 'Moscow'] }]);
  });

  it('reports missing or repeated columns and bad rows', () => {
    expect(buildCatalog({ columns: '', rows: '', firstRowIsHeader: false }).errors[0]).toMatch(/at least one column/);
    expect(buildCatalog({ columns: 'a, A', rows: '', firstRowIsHeader: false }).errors).toEqual(['Column names must differ: A.']);
    expect(buildCatalog({ columns: 'a', rows: 'x,y', firstRowIsHeader: false }).errors)
      .toEqual(['Row 1 has 2 values, but there are 1 columns.']);
  });
});
