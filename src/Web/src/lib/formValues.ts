import { ApiError } from '../api/problem';
import type { FormFieldDef, FormValue, FormValues } from '../api/types';
import { formatDueText } from './due';

export type NameOf = (userId: string) => string;

/** Layout fields hold no value. */
export const isLayout = (field: FormFieldDef) => field.type === 'title' || field.type === 'section';

/**
 * Types edited in the browser: everything that holds a value except files, which stay read-only
 * until the Files module can upload them (file columns of a table keep their ids untouched).
 */
export const isEditable = (field: FormFieldDef) => !isLayout(field) && field.type !== 'file';

/** `null`, absent, `""` and `[]` mean "not set". */
export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

const optionLabel = (field: FormFieldDef, id: unknown) =>
  field.options?.find((o) => o.id === id)?.label ?? String(id);

function formatNumber(n: number, decimals: number | null | undefined, fixed: boolean): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: fixed ? (decimals ?? 0) : 0,
    maximumFractionDigits: decimals ?? 10,
  });
}

/** A value as the user reads it: money with its currency, choice labels, person names, "Yes"/"No". */
export function formatValue(field: FormFieldDef, value: FormValue | undefined, nameOf: NameOf): string {
  if (isEmpty(value)) return '—';
  switch (field.type) {
    case 'money': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? `${formatNumber(n, 2, true)} ${field.currency ?? ''}`.trim() : String(value);
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? formatNumber(n, field.decimals, false) : String(value);
    }
    case 'checkbox':
      return value === true || value === 'true' ? 'Yes' : 'No';
    case 'single_choice':
      return optionLabel(field, value);
    case 'multiple_choice':
      return (Array.isArray(value) ? value : [value]).map((id) => optionLabel(field, id)).join(', ');
    case 'person':
      return nameOf(String(value));
    case 'date':
    case 'due_date':
      return formatDueText(String(value));
    case 'table': {
      const rows = Array.isArray(value) ? value.length : 0;
      return rows === 1 ? '1 row' : `${rows} rows`;
    }
    case 'file': {
      const files = Array.isArray(value) ? value.length : 0;
      return files === 1 ? '1 file' : `${files} files`;
    }
    default:
      return Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** A history change's value (raw JSON text, as the server stores it) formatted for the field. */
export function formatRawValue(field: FormFieldDef, raw: string | null, nameOf: NameOf): string {
  if (raw === null) return '—';
  let value: FormValue;
  try {
    value = JSON.parse(raw) as FormValue;
  } catch {
    value = raw; // shortened (…) or not JSON: show as is
  }
  return formatValue(field, value, nameOf);
}

/**
 * What the inputs hold: text for text-like and number inputs, booleans for checkboxes, ids for
 * multiple choice (and a table's file cells, kept as they are), rows of cells for tables.
 */
export type DraftValue = string | boolean | string[] | Draft[];
export interface Draft {
  [code: string]: DraftValue;
}

/** One stored value as the input holds it. */
export function toDraftValue(field: FormFieldDef, v: FormValue | unknown): DraftValue {
  switch (field.type) {
    case 'checkbox':
      return v === true;
    case 'multiple_choice':
    case 'file':
      return Array.isArray(v) ? v.map(String) : [];
    case 'table': {
      const rows = Array.isArray(v) ? v : [];
      return rows.map((row) => {
        const cells = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
        const draft: Draft = {};
        for (const column of field.columns ?? []) draft[column.code] = toDraftValue(column, cells[column.code]);
        return draft;
      });
    }
    default:
      return isEmpty(v) ? '' : String(v);
  }
}

export function toDraft(fields: readonly FormFieldDef[], values: FormValues): Draft {
  const draft: Draft = {};
  for (const f of fields) {
    if (isEditable(f)) draft[f.code] = toDraftValue(f, values[f.code]);
  }
  return draft;
}

/** An empty row for a table field. */
export function emptyRow(table: FormFieldDef): Draft {
  const row: Draft = {};
  for (const column of table.columns ?? []) row[column.code] = toDraftValue(column, undefined);
  return row;
}

/** One input's content as a value of the values document (`null` = not set). */
export function fromDraft(field: FormFieldDef, input: DraftValue | undefined): FormValue {
  if (input === undefined) return null;
  switch (field.type) {
    case 'checkbox':
      return input === true;
    case 'multiple_choice':
    case 'file':
      return Array.isArray(input) && input.length ? (input as string[]) : null;
    case 'table': {
      // Rows left entirely blank are dropped rather than sent as empty rows.
      const rows = (Array.isArray(input) ? input : []).map((row) => {
        const cells: Record<string, unknown> = {};
        if (typeof row !== 'object' || row === null || Array.isArray(row)) return cells;
        for (const column of field.columns ?? []) {
          const value = fromDraft(column, (row as Draft)[column.code]);
          if (value !== null) cells[column.code] = value;
        }
        return cells;
      }).filter((cells) => Object.values(cells).some((v) => v !== false));
      return rows.length ? rows : null;
    }
    case 'number':
    case 'money': {
      const text = String(input).trim().replace(/\s/g, '').replace(',', '.');
      if (text === '') return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : String(input); // the server explains what is wrong
    }
    default: {
      const text = typeof input === 'string' ? input : String(input);
      return text.trim() === '' ? null : text;
    }
  }
}

/** The values to send: every editable field (new form), or only those that differ from `previous` (an edit). */
export function valuesFromDraft(fields: readonly FormFieldDef[], draft: Draft, previous?: FormValues): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    if (!isEditable(f) || !(f.code in draft)) continue;
    const value = fromDraft(f, draft[f.code]);
    if (previous) {
      // Compared in the shape the inputs produce, so key order or a stored `false` cell is no change.
      const before = fromDraft(f, toDraftValue(f, previous[f.code]));
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
    } else if (value === null) continue;
    values[f.code] = value;
  }
  return values;
}

/** `fields.<code>` (also `fields.items[2].qty`) errors of a problem+json answer, by field code. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!(error instanceof ApiError)) return result;
  for (const [key, value] of Object.entries(error.problem?.errors ?? {})) {
    const m = /^fields\.([a-z][a-z0-9_]*)(.*)$/.exec(key);
    if (!m?.[1]) continue;
    const messages = (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string');
    // A table cell's error names its row and column ("row 3, qty: …") next to the table.
    const cell = /^\[(\d+)\]\.([a-z][a-z0-9_]*)$/.exec(m[2] ?? '');
    (result[m[1]] ??= []).push(...(cell ? messages.map((x) => `Row ${Number(cell[1]) + 1}, ${cell[2]}: ${x}`) : messages));
  }
  return result;
}

export const isRequiredAt = (field: FormFieldDef, step: number) =>
  field.requiredFromStep != null && field.requiredFromStep <= Math.max(1, step);

export const isReadOnlyAt = (field: FormFieldDef, step: number) =>
  field.readOnlyFromStep != null && field.readOnlyFromStep <= Math.max(1, step);

export function decisionLabel(decision: string): string {
  switch (decision) {
    case 'pending': return 'Pending';
    case 'approved': return 'Approved';
    case 'rejected': return 'Rejected';
    default: return decision;
  }
}

export function routeStatusLabel(status: string): string {
  switch (status) {
    case 'in_progress': return 'In progress';
    case 'approved': return 'Approved';
    case 'rejected': return 'Rejected';
    default: return status.replace(/_/g, ' ');
  }
}
