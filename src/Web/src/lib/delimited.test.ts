import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseDelimited, rowsToItems, toTsv } from './delimited';

describe('parseDelimited', () => {
  it('reads spreadsheet pastes (TSV)', () => {
    expect(parseDelimited('MSK\tMoscow\tCentral\r\nSPB\tSaint Petersburg\t\n\n')).toEqual([
      ['MSK', 'Moscow', 'Central'],
      ['SPB', 'Saint Petersburg', ''],
    ]);
  });

  it('reads CSV with quotes, doubled quotes, delimiters and line breaks inside', () => {
    expect(parseDelimited('a, "b, c" ,"say ""hi"""\n"multi\nline",x')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['multi\nline', 'x'],
    ]);
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b')).toBe(',');
    expect(parseDelimited('a;b\n1;2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps a last quoted empty field and skips blank lines', () => {
    expect(parseDelimited('a,""')).toEqual([['a', '']]);
    expect(parseDelimited('\n\n')).toEqual([]);
  });
});

describe('rowsToItems', () => {
  it('pads short rows and reports long ones, missing and repeated keys', () => {
    const { items, errors } = rowsToItems([['A', '1'], ['B'], ['C', '1', '2'], ['', 'x'], ['A', '2'], ['D', '4', '']], 2);
    expect(items).toEqual([{ values: ['A', '1'] }, { values: ['B', ''] }, { values: ['D', '4'] }]);
    expect(errors).toEqual([
      'Row 3 has 3 values, but there are 2 columns.',
      'Row 4 has no key (the first column).',
      'Row 5 repeats the key “A” of row 1.',
    ]);
  });

  it('round-trips through TSV', () => {
    const rows = [['a', 'tab\there'], ['q"uote', 'line\nbreak']];
    expect(parseDelimited(toTsv(rows))).toEqual(rows);
  });
});
