import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import type { FormFieldDef } from '../api/types';
import { emptyRow, fieldErrors, formatRawValue, formatValue, fromDraft, toDraft, valuesFromDraft } from './formValues';
import type { Draft } from './formValues';

const nameOf = (id: string) => ({ b: 'Bob' } as Record<string, string>)[id] ?? 'Unknown user';
const f = (type: string, extra: Partial<FormFieldDef> = {}): FormFieldDef => ({ code: 'x', type, label: 'X', ...extra });
const choice = { options: [{ id: 'o1', label: 'Red' }, { id: 'o2', label: 'Blue' }] };

describe('formatValue', () => {
  it('formats each type', () => {
    expect(formatValue(f('money', { currency: 'EUR' }), 1234.5, nameOf)).toBe('1,234.50 EUR');
    expect(formatValue(f('number'), 3.25, nameOf)).toBe('3.25');
    expect(formatValue(f('number', { decimals: 0 }), 3, nameOf)).toBe('3');
    expect(formatValue(f('checkbox'), true, nameOf)).toBe('Yes');
    expect(formatValue(f('checkbox'), false, nameOf)).toBe('No');
    expect(formatValue(f('single_choice', choice), 'o2', nameOf)).toBe('Blue');
    expect(formatValue(f('single_choice', choice), 'gone', nameOf)).toBe('gone');
    expect(formatValue(f('multiple_choice', choice), ['o1', 'o2'], nameOf)).toBe('Red, Blue');
    expect(formatValue(f('person'), 'b', nameOf)).toBe('Bob');
    expect(formatValue(f('date'), '2026-05-01', nameOf)).toBe('1 May 2026');
    expect(formatValue(f('text'), 'hello', nameOf)).toBe('hello');
    expect(formatValue(f('table'), [{ a: 1 }, { a: 2 }], nameOf)).toBe('2 rows');
  });

  it('shows unset values as a dash', () => {
    for (const v of [null, undefined, '', []]) expect(formatValue(f('text'), v as never, nameOf)).toBe('—');
  });

  it('formats raw JSON from history changes', () => {
    expect(formatRawValue(f('money', { currency: 'EUR' }), '100', nameOf)).toBe('100.00 EUR');
    expect(formatRawValue(f('text'), '"hi"', nameOf)).toBe('hi');
    expect(formatRawValue(f('text'), '"long…', nameOf)).toBe('"long…');
    expect(formatRawValue(f('text'), null, nameOf)).toBe('—');
  });
});

describe('drafts', () => {
  const fields = [f('money', { code: 'amount', currency: 'EUR' }), f('checkbox', { code: 'ok' }),
    f('multiple_choice', { code: 'colors', ...choice }), f('text', { code: 'note' }), f('section', { code: 's' })];

  it('round-trips values through inputs', () => {
    const draft = toDraft(fields, { amount: 12.5, ok: true, colors: ['o1'] });
    expect(draft).toEqual({ amount: '12.5', ok: true, colors: ['o1'], note: '' });
    expect(valuesFromDraft(fields, draft)).toEqual({ amount: 12.5, ok: true, colors: ['o1'] });
  });

  it('parses numbers and keeps what is not a number for the server to explain', () => {
    expect(fromDraft(fields[0]!, '1 000,5')).toBe(1000.5);
    expect(fromDraft(fields[0]!, '')).toBeNull();
    expect(fromDraft(fields[0]!, 'abc')).toBe('abc');
  });

  it('sends only changed values on edit, null for cleared ones', () => {
    const previous = { amount: 12.5, ok: true, note: 'x' };
    const draft = { ...toDraft(fields, previous), amount: '13', note: '' };
    expect(valuesFromDraft(fields, draft, previous)).toEqual({ amount: 13, note: null });
  });
});

describe('tables', () => {
  const table = f('table', {
    code: 'items',
    columns: [f('text', { code: 'name' }), f('number', { code: 'qty' }), f('checkbox', { code: 'paid' }), f('file', { code: 'scan' })],
  });

  it('edits rows of typed cells and keeps file cells as they are', () => {
    const stored = [{ qty: 2, name: 'Pen', scan: ['f1'] }, { name: 'Ink', paid: true }];
    const draft = toDraft([table], { items: stored });
    expect(draft.items).toEqual([
      { name: 'Pen', qty: '2', paid: false, scan: ['f1'] },
      { name: 'Ink', qty: '', paid: true, scan: [] },
    ]);
    expect(fromDraft(table, draft.items)).toEqual([{ name: 'Pen', qty: 2, paid: false, scan: ['f1'] }, { name: 'Ink', paid: true }]);
  });

  it('drops blank rows and sends nothing for a table without rows', () => {
    expect(fromDraft(table, [emptyRow(table), { ...emptyRow(table), qty: '1,5' }])).toEqual([{ qty: 1.5, paid: false }]);
    expect(fromDraft(table, [emptyRow(table)])).toBeNull();
    expect(valuesFromDraft([table], { items: [emptyRow(table)] })).toEqual({});
  });

  it('sees no change when only the key order or an unset checkbox differs', () => {
    const previous = { items: [{ qty: 2, name: 'Pen' }] };
    expect(valuesFromDraft([table], toDraft([table], previous), previous)).toEqual({});
    const draft = toDraft([table], previous);
    (draft.items as Draft[]).push({ ...emptyRow(table), name: 'Ink' });
    expect(valuesFromDraft([table], draft, previous)).toEqual({ items: [{ name: 'Pen', qty: 2, paid: false }, { name: 'Ink', paid: false }] });
  });
});

describe('fieldErrors', () => {
  it('keys problem errors by field code', () => {
    const error = new ApiError(400, { errors: { 'fields.amount': ['is required.'], 'fields.items[2].qty': 'too big', title: ['x'] } });
    expect(fieldErrors(error)).toEqual({ amount: ['is required.'], items: ['Row 3, qty: too big'] });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
