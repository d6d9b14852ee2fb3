import type { FormFieldDef } from '../api/types';

/**
 * A form's register filters ↔ the query string of `GET /api/v1/forms/{id}/register` (docs/api.md).
 * The page keeps the same query string in its URL (`#/forms/{id}/register?…`), so a filtered
 * register can be bookmarked and the back button undoes a filter.
 *
 * What the API filters on decides what is offered: equality on a field (`f.code=v`), number and
 * money ranges (`f.code.min` / `.max`), `status`, `step`, `createdFrom` / `createdTo`, and newest
 * first by `updated` or `created`.
 */

/** How a field can be filtered: `equals` (exact text), `range` (min–max), `choice`, `person`, `checkbox`, `day`. */
export type FilterKind = 'equals' | 'range' | 'choice' | 'person' | 'checkbox' | 'day';

export function filterKind(field: FormFieldDef): FilterKind | null {
  switch (field.type) {
    case 'text': case 'multiline_text': case 'email': case 'phone': case 'time': case 'catalog':
      return 'equals';
    case 'number': case 'money':
      return 'range';
    case 'single_choice':
      return 'choice';
    case 'person':
      return 'person';
    case 'checkbox':
      return 'checkbox';
    case 'date':
      return 'day';
    // multiple_choice values are arrays and due_date mixes days and moments: the API's equality
    // compares the stored JSON text, which cannot match them reliably. Tables and files hold rows/ids.
    default:
      return null;
  }
}

export type RegisterStatus = '' | 'open' | 'closed';
export type RegisterSort = 'updated' | 'created';

export interface FieldFilter {
  value?: string;
  min?: string;
  max?: string;
}

export interface RegisterFilters {
  status: RegisterStatus;
  step: string;
  createdFrom: string;
  createdTo: string;
  sort: RegisterSort;
  fields: Record<string, FieldFilter>;
}

export const emptyFilters: RegisterFilters = {
  status: '', step: '', createdFrom: '', createdTo: '', sort: 'updated', fields: {},
};

/** `1 000,5` → `1000.5`; null when empty, NaN when not a number. */
export function parseNumber(text: string | undefined): number | null {
  const t = (text ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * The query string for the filters (stable order, empty filters left out), or the problems that
 * keep it from being sent, keyed like the inputs (`step`, `createdTo`, `f.amount.min`, …).
 */
export function registerQuery(filters: RegisterFilters, fields: readonly FormFieldDef[]): { query: string; errors: Record<string, string> } {
  const params = new URLSearchParams();
  const errors: Record<string, string> = {};
  if (filters.status) params.set('status', filters.status);
  const step = filters.step.trim();
  if (step) {
    if (/^\d+$/.test(step) && Number(step) >= 1) params.set('step', String(Number(step)));
    else errors.step = 'Enter a step number (1, 2, …).';
  }
  for (const key of ['createdFrom', 'createdTo'] as const) {
    const day = filters[key].trim();
    if (!day) continue;
    if (isDay(day)) params.set(key, day);
    else errors[key] = 'Enter a date.';
  }
  if (params.has('createdFrom') && params.has('createdTo') && filters.createdFrom > filters.createdTo) {
    errors.createdTo = 'The end is before the start.';
  }
  for (const field of fields) {
    const kind = filterKind(field);
    const filter = filters.fields[field.code];
    if (!kind || !filter) continue;
    const key = `f.${field.code}`;
    if (kind === 'range') {
      const min = parseNumber(filter.min);
      const max = parseNumber(filter.max);
      if (Number.isNaN(min)) errors[`${key}.min`] = 'Enter a number.';
      else if (min !== null) params.set(`${key}.min`, String(min));
      if (Number.isNaN(max)) errors[`${key}.max`] = 'Enter a number.';
      else if (max !== null) params.set(`${key}.max`, String(max));
      if (min !== null && max !== null && !Number.isNaN(min) && !Number.isNaN(max) && min > max) {
        errors[`${key}.max`] = 'The maximum is below the minimum.';
      }
      continue;
    }
    const value = kind === 'equals' ? (filter.value ?? '') : (filter.value ?? '').trim();
    if (value.trim() === '') continue;
    if (kind === 'day' && !isDay(value)) errors[key] = 'Enter a date.';
    else params.set(key, value);
  }
  if (filters.sort !== 'updated') params.set('sort', filters.sort);
  return { query: params.toString(), errors };
}

/** The filters a query string (from the page URL) describes; unknown or unusable parameters are ignored. */
export function parseRegisterQuery(query: string, fields: readonly FormFieldDef[]): RegisterFilters {
  const params = new URLSearchParams(query);
  const status = params.get('status');
  const sort = params.get('sort');
  const result: RegisterFilters = {
    status: status === 'open' || status === 'closed' ? status : '',
    step: params.get('step') ?? '',
    createdFrom: params.get('createdFrom') ?? '',
    createdTo: params.get('createdTo') ?? '',
    sort: sort === 'created' ? 'created' : 'updated',
    fields: {},
  };
  for (const field of fields) {
    const kind = filterKind(field);
    if (!kind) continue;
    const key = `f.${field.code}`;
    const filter: FieldFilter = kind === 'range'
      ? { min: params.get(`${key}.min`) ?? '', max: params.get(`${key}.max`) ?? '' }
      : { value: params.get(key) ?? '' };
    if (Object.values(filter).some((v) => v !== '')) result.fields[field.code] = filter;
  }
  return result;
}

/** How many filters are on (for "3 filters" and "Clear"). */
export function activeFilterCount(filters: RegisterFilters): number {
  const fixed = [filters.status, filters.step, filters.createdFrom, filters.createdTo].filter((v) => v.trim() !== '').length;
  const byField = Object.values(filters.fields)
    .reduce((n, f) => n + [f.value, f.min, f.max].filter((v) => (v ?? '').trim() !== '').length, 0);
  return fixed + byField;
}

/** The register's value columns: every field that holds a value, in form order. */
export const registerColumns = (fields: readonly FormFieldDef[]) =>
  fields.filter((f) => f.type !== 'title' && f.type !== 'section');
