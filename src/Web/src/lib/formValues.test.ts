import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import type { FormFieldDef } from '../api/types';
import { fieldErrors, formatRawValue, formatValue, fromDraft, toDraft, valuesFromDraft } from './formValues';

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

describe('fieldErrors', () => {
  it('keys problem errors by field code', () => {
    const error = new ApiError(400, { errors: { 'fields.amount': ['is required.'], 'fields.items[2].qty': 'too big', title: ['x'] } });
    expect(fieldErrors(error)).toEqual({ amount: ['is required.'], items: ['too big'] });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
