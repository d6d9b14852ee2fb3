import type { FormFieldDef } from '../api/types';

/**
 * A form's register filters and order ↔ the query string of `GET /api/v1/forms/{id}/register`
 * (docs/api.md, "The register"). The page keeps the same query string in its URL
 * (`#/forms/{id}/register?…`), so a filtered, sorted register can be bookmarked and the back button
 * undoes a filter or a sort.
 *
 * What the API filters on decides what is offered: text fields contain (`f.code.contains`) or equal
 * (`f.code`) a text; number, money, date, due date and time fields lie in a range (`f.code.min` /
 * `.max`, inclusive); a choice, person or checkbox equals a value; a multiple choice holds any of the
 * picked options (`f.code=a&f.code=b`); `status`, `step`, `createdFrom`/`createdTo`,
 * `updatedFrom`/`updatedTo`; sorted by `updated`, `created`, `title` or a field, `order=asc|desc`.
 */

/** How a field can be filtered. */
export type FilterKind = 'text' | 'number' | 'day' | 'time' | 'choice' | 'options' | 'person' | 'checkbox';

export function filterKind(field: FormFieldDef): FilterKind | null {
  switch (field.type) {
    case 'text': case 'multiline_text': case 'email': case 'phone': case 'catalog':
      return 'text';
    case 'number': case 'money':
      return 'number';
    case 'date': case 'due_date':
      return 'day';
    case 'time':
      return 'time';
    case 'single_choice':
      return 'choice';
    case 'multiple_choice':
      return 'options';
    case 'person':
      return 'person';
    case 'checkbox':
      return 'checkbox';
    // Tables and files hold rows and ids: nothing to compare.
    default:
      return null;
  }
}

const isRange = (kind: FilterKind | null) => kind === 'number' || kind === 'day' || kind === 'time';

/** Fields whose values have an order the API sorts by: numbers, dates, times and texts (not choices or people). */
export const isSortable = (field: FormFieldDef) => isRange(filterKind(field)) || filterKind(field) === 'text';

export type RegisterStatus = '' | 'open' | 'closed';
/** `updated`, `created`, `title` or `f.<code>`. */
export type RegisterSort = string;
export type SortOrder = 'asc' | 'desc';
export type TextMatch = 'contains' | 'equals';

export interface FieldFilter {
  value?: string;
  /** Text fields: contains (default) or is exactly `value`. */
  match?: TextMatch;
  min?: string;
  max?: string;
  /** Multiple choice: the options, any of which a task must hold. */
  values?: string[];
}

export interface RegisterFilters {
  status: RegisterStatus;
  step: string;
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  sort: RegisterSort;
  order: SortOrder;
  fields: Record<string, FieldFilter>;
}

/** Newest first for times; A→Z, smallest, earliest first for titles and fields. */
export const defaultOrder = (sort: RegisterSort): SortOrder => (sort === 'updated' || sort === 'created' ? 'desc' : 'asc');

export const emptyFilters: RegisterFilters = {
  status: '', step: '', createdFrom: '', createdTo: '', updatedFrom: '', updatedTo: '', sort: 'updated', order: 'desc', fields: {},
};

/** `1 000,5` → `1000.5`; null when empty, NaN when not a number. */
export function parseNumber(text: string | undefined): number | null {
  const t = (text ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(s);

/** A range bound as the API takes it, null when empty, or an error message. */
function bound(kind: FilterKind, text: string | undefined): { value: string | null } | { error: string } {
  const t = (text ?? '').trim();
  if (kind === 'number') {
    const n = parseNumber(t);
    return Number.isNaN(n) ? { error: 'Enter a number.' } : { value: n === null ? null : String(n) };
  }
  if (t === '') return { value: null };
  if (kind === 'day') return isDay(t) ? { value: t } : { error: 'Enter a date.' };
  return isTime(t) ? { value: t } : { error: 'Enter a time (HH:mm).' };
}

/** The sort a query names, if this form can sort by it; otherwise the default. */
function validSort(sort: string | null, fields: readonly FormFieldDef[]): RegisterSort {
  if (sort === 'created' || sort === 'title') return sort;
  if (sort?.startsWith('f.')) {
    const field = fields.find((f) => f.code === sort.slice(2));
    if (field && isSortable(field)) return sort;
  }
  return 'updated';
}

/**
 * The query string for the filters (stable order, empty filters and default order left out), or
 * the problems that keep it from being sent, keyed like the inputs (`step`, `createdTo`, `f.amount.min`, …).
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
  for (const [from, to] of [['createdFrom', 'createdTo'], ['updatedFrom', 'updatedTo']] as const) {
    for (const key of [from, to]) {
      const day = filters[key].trim();
      if (!day) continue;
      if (isDay(day)) params.set(key, day);
      else errors[key] = 'Enter a date.';
    }
    if (params.has(from) && params.has(to) && filters[from].trim() > filters[to].trim()) errors[to] = 'The end is before the start.';
  }
  for (const field of fields) {
    const kind = filterKind(field);
    const filter = filters.fields[field.code];
    if (!kind || !filter) continue;
    const key = `f.${field.code}`;
    if (isRange(kind)) {
      const min = bound(kind, filter.min);
      const max = bound(kind, filter.max);
      if ('error' in min) errors[`${key}.min`] = min.error;
      else if (min.value !== null) params.set(`${key}.min`, min.value);
      if ('error' in max) errors[`${key}.max`] = max.error;
      else if (max.value !== null) params.set(`${key}.max`, max.value);
      if ('value' in min && 'value' in max && min.value !== null && max.value !== null
        && (kind === 'number' ? Number(min.value) > Number(max.value) : min.value > max.value)) {
        errors[`${key}.max`] = 'The end is before the start.';
      }
      continue;
    }
    if (kind === 'options') {
      const known = new Set((field.options ?? []).map((o) => o.id));
      for (const option of filter.values ?? []) if (known.has(option)) params.append(key, option);
      continue;
    }
    // Text is sent as typed (spaces may matter); picked values are trimmed.
    const value = kind === 'text' ? (filter.value ?? '') : (filter.value ?? '').trim();
    if (value.trim() === '') continue;
    params.set(kind === 'text' && filter.match !== 'equals' ? `${key}.contains` : key, value);
  }
  const sort = validSort(filters.sort, fields);
  if (sort !== 'updated') params.set('sort', sort);
  if (filters.order !== defaultOrder(sort)) params.set('order', filters.order);
  return { query: params.toString(), errors };
}

/** The filters a query string (from the page URL) describes; unknown or unusable parameters are ignored. */
export function parseRegisterQuery(query: string, fields: readonly FormFieldDef[]): RegisterFilters {
  const params = new URLSearchParams(query);
  const status = params.get('status');
  const sort = validSort(params.get('sort'), fields);
  const order = params.get('order');
  const result: RegisterFilters = {
    status: status === 'open' || status === 'closed' ? status : '',
    step: params.get('step') ?? '',
    createdFrom: params.get('createdFrom') ?? '',
    createdTo: params.get('createdTo') ?? '',
    updatedFrom: params.get('updatedFrom') ?? '',
    updatedTo: params.get('updatedTo') ?? '',
    sort,
    order: order === 'asc' || order === 'desc' ? order : defaultOrder(sort),
    fields: {},
  };
  for (const field of fields) {
    const kind = filterKind(field);
    if (!kind) continue;
    const key = `f.${field.code}`;
    let filter: FieldFilter;
    if (isRange(kind)) filter = { min: params.get(`${key}.min`) ?? '', max: params.get(`${key}.max`) ?? '' };
    else if (kind === 'options') filter = { values: params.getAll(key) };
    else if (kind === 'text' && params.has(`${key}.contains`)) filter = { value: params.get(`${key}.contains`) ?? '', match: 'contains' };
    else if (kind === 'text') filter = { value: params.get(key) ?? '', match: 'equals' };
    else filter = { value: params.get(key) ?? '' };
    const set = [filter.value, filter.min, filter.max].some((v) => (v ?? '') !== '') || (filter.values ?? []).length > 0;
    if (set) result.fields[field.code] = filter;
  }
  return result;
}

/** How many filters are on (for "3 filters" and "Clear"); the order is not a filter. */
export function activeFilterCount(filters: RegisterFilters): number {
  const fixed = [filters.status, filters.step, filters.createdFrom, filters.createdTo, filters.updatedFrom, filters.updatedTo]
    .filter((v) => v.trim() !== '').length;
  const byField = Object.values(filters.fields)
    .reduce((n, f) => n + [f.value, f.min, f.max].filter((v) => (v ?? '').trim() !== '').length + ((f.values ?? []).length > 0 ? 1 : 0), 0);
  return fixed + byField;
}

/**
 * The order after a click on a column header: the same column flips its direction; another column
 * starts in its natural direction (newest first for times, A→Z and smallest first otherwise).
 */
export function nextSort(filters: RegisterFilters, sort: RegisterSort): Pick<RegisterFilters, 'sort' | 'order'> {
  if (filters.sort === sort) return { sort, order: filters.order === 'asc' ? 'desc' : 'asc' };
  return { sort, order: defaultOrder(sort) };
}

/** The query with only the order kept: "Clear filters". */
export function sortOnlyQuery(filters: RegisterFilters, fields: readonly FormFieldDef[]): string {
  return registerQuery({ ...emptyFilters, sort: filters.sort, order: filters.order }, fields).query;
}

/** The register's value columns: every field that holds a value, in form order. */
export const registerColumns = (fields: readonly FormFieldDef[]) =>
  fields.filter((f) => f.type !== 'title' && f.type !== 'section');
