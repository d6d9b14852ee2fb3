import { describe, expect, it } from 'vitest';
import type { FormFieldDef } from '../api/types';
import { activeFilterCount, emptyFilters, filterKind, parseNumber, parseRegisterQuery, registerQuery } from './register';

const f = (code: string, type: string, extra: Partial<FormFieldDef> = {}): FormFieldDef => ({ code, type, label: code, ...extra });
const fields = [f('note', 'text'), f('amount', 'money', { currency: 'EUR' }), f('kind', 'single_choice'),
  f('owner', 'person'), f('urgent', 'checkbox'), f('day', 'date'), f('tags', 'multiple_choice'), f('items', 'table'), f('s', 'section')];

describe('filterKind', () => {
  it('offers what the API can filter on', () => {
    expect(fields.map(filterKind)).toEqual(['equals', 'range', 'choice', 'person', 'checkbox', 'day', null, null, null]);
  });
});

describe('registerQuery', () => {
  it('leaves empty filters out and keeps a stable order', () => {
    expect(registerQuery(emptyFilters, fields)).toEqual({ query: '', errors: {} });
    const filters = {
      ...emptyFilters, status: 'open' as const, step: '2', createdFrom: '2026-01-01', createdTo: '2026-01-31', sort: 'created' as const,
      fields: { note: { value: 'a b&c' }, amount: { min: '1 000,5', max: '' }, kind: { value: 'o2' }, urgent: { value: 'true' }, owner: { value: '' } },
    };
    expect(registerQuery(filters, fields)).toEqual({
      query: 'status=open&step=2&createdFrom=2026-01-01&createdTo=2026-01-31&f.note=a+b%26c&f.amount.min=1000.5&f.kind=o2&f.urgent=true&sort=created',
      errors: {},
    });
  });

  it('explains what cannot be sent, keyed like the inputs', () => {
    const filters = {
      ...emptyFilters, step: 'two', createdFrom: '2026-02-01', createdTo: '2026-01-01',
      fields: { amount: { min: '10', max: '5' }, day: { value: 'soon' } },
    };
    expect(registerQuery(filters, fields).errors).toEqual({
      step: 'Enter a step number (1, 2, …).',
      createdTo: 'The end is before the start.',
      'f.amount.max': 'The maximum is below the minimum.',
      'f.day': 'Enter a date.',
    });
    expect(registerQuery({ ...emptyFilters, fields: { amount: { min: 'x' } } }, fields).errors).toEqual({ 'f.amount.min': 'Enter a number.' });
  });

  it('ignores filters of fields the form does not have or cannot filter', () => {
    const filters = { ...emptyFilters, fields: { gone: { value: 'x' }, tags: { value: 'o1' } } };
    expect(registerQuery(filters, fields).query).toBe('');
  });
});

describe('parseRegisterQuery', () => {
  it('round-trips a query', () => {
    const query = 'status=closed&step=1&f.note=hello&f.amount.max=50&f.urgent=false&sort=created';
    const filters = parseRegisterQuery(query, fields);
    expect(filters.status).toBe('closed');
    expect(filters.fields).toEqual({ note: { value: 'hello' }, amount: { min: '', max: '50' }, urgent: { value: 'false' } });
    expect(registerQuery(filters, fields).query).toBe(query);
    expect(activeFilterCount(filters)).toBe(5);
  });

  it('drops what it does not understand', () => {
    expect(parseRegisterQuery('status=maybe&sort=title&f.gone=1&x=y', fields)).toEqual(emptyFilters);
  });
});

describe('parseNumber', () => {
  it('accepts spaces and a decimal comma, flags text', () => {
    expect(parseNumber(' 1 234,5 ')).toBe(1234.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12abc')).toBeNaN();
    expect(parseNumber('-3')).toBe(-3);
  });
});
