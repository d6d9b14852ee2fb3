import type { CatalogInput } from '../api/types';
import { parseDelimited, rowsToItems } from './delimited';

/** Column names typed as "Code, City, Region" (or separated by tabs / semicolons). */
export function parseColumns(text: string): string[] {
  return text.split(/[,;\t\n]/).map((c) => c.trim()).filter((c) => c !== '');
}

export interface CatalogDraft {
  columns: string;
  rows: string;
  /** Take the column names from the first pasted row. */
  firstRowIsHeader: boolean;
}

/** Headers and items for a create or a full sync, or the problems to show instead. */
export function buildCatalog(draft: CatalogDraft): { input: Omit<CatalogInput, 'name'> | null; errors: string[] } {
  let rows = parseDelimited(draft.rows);
  let columns = parseColumns(draft.columns);
  if (draft.firstRowIsHeader) {
    columns = (rows[0] ?? []).map((c) => c.trim()).filter((c) => c !== '');
    rows = rows.slice(1);
  }
  const errors: string[] = [];
  if (columns.length === 0) errors.push('Name at least one column; the first column is the key.');
  const lower = columns.map((c) => c.toLowerCase());
  const repeated = columns.filter((_, i) => lower.indexOf(lower[i] ?? '') !== i);
  if (repeated.length > 0) errors.push(`Column names must differ: ${repeated.join(', ')}.`);
  if (errors.length > 0) return { input: null, errors };
  const { items, errors: rowErrors } = rowsToItems(rows, columns.length);
  if (rowErrors.length > 0) return { input: null, errors: rowErrors.slice(0, 20) };
  return { input: { headers: columns.map((name) => ({ name })), items }, errors: [] };
}
