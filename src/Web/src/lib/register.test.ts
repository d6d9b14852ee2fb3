import { describe, expect, it } from 'vitest';
import type { FormFieldDef } from '../api/types';
import {
  activeFilterCount, defaultOrder, emptyFilters, filterKind, isSortable, nextSort, parseNumber, parseRegisterQuery, registerQuery, sortOnlyQuery,
} from './register';
import type { RegisterFilters } from './register';

const f = (code: string, type: string, extra: Partial<FormFieldDef> = {}): FormFieldDef => ({ code, type, label: code, ...extra });
const fields = [f('note', 'text'), f('amount', 'money', { currency: 'EUR' }), f('kind', 'single_choice'),
  f('owner', 'person'), f('urgent', 'checkbox'), f('day', 'date'),
  f('tags', 'multiple_choice', { options: [{ id: 'red', label: 'Red' }, { id: 'blue', label: 'Blue' }] }),
  f('items', 'table'), f('s', 'section'), f('due', 'due_date'), f('at', 'time')];
const filters = (patch: Partial<RegisterFilters>): RegisterFilters => ({ ...emptyFilters, ...patch });

describe('filterKind', () => {
  it('offers what the API can filter on', () => {
    expect(fields.map(filterKind)).toEqual(['text', 'number', 'choice', 'person', 'checkbox', 'day', 'options', null, null, 'day', 'time']);
  });

  it('sorts by numbers, dates, times and texts only', () => {
    expect(fields.filter(isSortable).map((x) => x.code)).toEqual(['note', 'amount', 'day', 'due', 'at']);
  });
});

describe('registerQuery', () => {
  it('leaves empty filters and the default order out and keeps a stable order', () => {
    expect(registerQuery(emptyFilters, fields)).toEqual({ query: '', errors: {} });
    const all = filters({
      status: 'open', step: '2', createdFrom: '2026-01-01', createdTo: '2026-01-31', updatedFrom: '2026-02-01', sort: 'created', order: 'desc',
      fields: { note: { value: 'a b&c' }, amount: { min: '1 000,5', max: '' }, kind: { value: 'o2' }, urgent: { value: 'true' }, owner: { value: '' } },
    });
    expect(registerQuery(all, fields)).toEqual({
      query: 'status=open&step=2&createdFrom=2026-01-01&createdTo=2026-01-31&updatedFrom=2026-02-01'
        + '&f.note.contains=a+b%26c&f.amount.min=1000.5&f.kind=o2&f.urgent=true&sort=created',
      errors: {},
    });
  });

  it('sends text as contains unless asked for an exact match', () => {
    expect(registerQuery(filters({ fields: { note: { value: ' Ber' } } }), fields).query).toBe('f.note.contains=+Ber');
    expect(registerQuery(filters({ fields: { note: { value: 'Berlin', match: 'equals' } } }), fields).query).toBe('f.note=Berlin');
    expect(registerQuery(filters({ fields: { note: { value: '   ' } } }), fields).query).toBe('');
  });

  it('sends date, due date and time ranges, and every picked option of a multiple choice', () => {
    const q = registerQuery(filters({
      fields: { day: { min: '2026-01-01', max: '2026-01-31' }, due: { max: '2026-03-01' }, at: { min: '08:30' }, tags: { values: ['red', 'blue', 'gone'] } },
    }), fields);
    expect(q).toEqual({ query: 'f.day.min=2026-01-01&f.day.max=2026-01-31&f.tags=red&f.tags=blue&f.due.max=2026-03-01&f.at.min=08%3A30', errors: {} });
  });

  it('writes a field sort and a non-default order', () => {
    expect(registerQuery(filters({ sort: 'f.amount', order: 'asc' }), fields).query).toBe('sort=f.amount');
    expect(registerQuery(filters({ sort: 'f.amount', order: 'desc' }), fields).query).toBe('sort=f.amount&order=desc');
    expect(registerQuery(filters({ sort: 'updated', order: 'asc' }), fields).query).toBe('order=asc');
    // A field that cannot be sorted falls back to the default order.
    expect(registerQuery(filters({ sort: 'f.tags', order: 'desc' }), fields).query).toBe('');
  });

  it('explains what cannot be sent, keyed like the inputs', () => {
    const bad = filters({
      step: 'two', createdFrom: '2026-02-01', createdTo: '2026-01-01', updatedTo: 'soon',
      fields: { amount: { min: '10', max: '5' }, day: { min: 'soon' }, at: { min: '25:00' }, due: { min: '2026-02-01', max: '2026-01-01' } },
    });
    expect(registerQuery(bad, fields).errors).toEqual({
      step: 'Enter a step number (1, 2, …).',
      createdTo: 'The end is before the start.',
      updatedTo: 'Enter a date.',
      'f.amount.max': 'The end is before the start.',
      'f.day.min': 'Enter a date.',
      'f.at.min': 'Enter a time (HH:mm).',
      'f.due.max': 'The end is before the start.',
    });
    expect(registerQuery(filters({ fields: { amount: { min: 'x' } } }), fields).errors).toEqual({ 'f.amount.min': 'Enter a number.' });
  });

  it('ignores filters of fields the form does not have or cannot filter', () => {
    expect(registerQuery(filters({ fields: { gone: { value: 'x' }, items: { value: 'o1' } } }), fields).query).toBe('');
  });
});

describe('parseRegisterQuery', () => {
  it('round-trips a query', () => {
    const query = 'status=closed&step=1&updatedFrom=2026-01-01&updatedTo=2026-01-02&f.note=hello&f.amount.max=50&f.urgent=false'
      + '&f.tags=red&f.tags=blue&f.at.min=08%3A00&sort=f.day&order=desc';
    const parsed = parseRegisterQuery(query, fields);
    expect(parsed.status).toBe('closed');
    expect(parsed.sort).toBe('f.day');
    expect(parsed.order).toBe('desc');
    expect(parsed.fields).toEqual({
      note: { value: 'hello', match: 'equals' }, amount: { min: '', max: '50' }, urgent: { value: 'false' },
      tags: { values: ['red', 'blue'] }, at: { min: '08:00', max: '' },
    });
    expect(registerQuery(parsed, fields).query).toBe(query);
    expect(activeFilterCount(parsed)).toBe(9);
  });

  it('reads a contains filter as contains', () => {
    const parsed = parseRegisterQuery('f.note.contains=ber', fields);
    expect(parsed.fields.note).toEqual({ value: 'ber', match: 'contains' });
    expect(registerQuery(parsed, fields).query).toBe('f.note.contains=ber');
  });

  it('drops what it does not understand', () => {
    expect(parseRegisterQuery('status=maybe&sort=f.tags&order=sideways&f.gone=1&x=y', fields)).toEqual(emptyFilters);
    expect(parseRegisterQuery('sort=f.nope', fields).sort).toBe('updated');
  });
});

describe('sorting by column', () => {
  it('flips the direction on the same column and starts a new column in its natural direction', () => {
    expect(nextSort(emptyFilters, 'updated')).toEqual({ sort: 'updated', order: 'asc' });
    expect(nextSort(filters({ sort: 'updated', order: 'asc' }), 'updated')).toEqual({ sort: 'updated', order: 'desc' });
    expect(nextSort(emptyFilters, 'f.amount')).toEqual({ sort: 'f.amount', order: 'asc' });
    expect(nextSort(filters({ sort: 'f.amount', order: 'asc' }), 'created')).toEqual({ sort: 'created', order: 'desc' });
    expect(defaultOrder('title')).toBe('asc');
  });

  it('keeps the order when the filters are cleared', () => {
    expect(sortOnlyQuery(filters({ status: 'open', sort: 'title', order: 'desc', fields: { note: { value: 'x' } } }), fields))
      .toBe('sort=title&order=desc');
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
