/** Rows pasted from a spreadsheet (TSV) or a CSV file, for filling a catalog. */

/** Tab if any line has one (spreadsheet paste), else `;` if the first line has more of them than `,`. */
export function detectDelimiter(text: string): '\t' | ',' | ';' {
  if (text.includes('\t')) return '\t';
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Parses CSV/TSV: quoted fields may hold the delimiter, line breaks and doubled quotes (`""`).
 * Fields are trimmed of surrounding spaces when unquoted; empty lines are skipped.
 */
export function parseDelimited(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    if (row.some((v) => v !== '')) rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else if (!(wasQuoted && (c === ' ' || c === '\t'))) {
      field += c; // spaces between a closing quote and the delimiter are dropped
    }
  }
  if (field !== '' || row.length > 0 || wasQuoted) endRow();
  return rows;
}

export interface PastedItems {
  items: { values: string[] }[];
  errors: string[];
}

/**
 * Turns pasted rows into catalog items with exactly `columns` values: short rows are padded
 * with empty values, longer ones are reported (1-based row numbers, as the user sees them).
 */
export function rowsToItems(rows: readonly string[][], columns: number): PastedItems {
  const items: { values: string[] }[] = [];
  const errors: string[] = [];
  const keys = new Map<string, number>();
  rows.forEach((row, i) => {
    const n = i + 1;
    if (row.length > columns && row.slice(columns).some((v) => v !== '')) {
      errors.push(`Row ${n} has ${row.length} values, but there are ${columns} columns.`);
      return;
    }
    const values = Array.from({ length: columns }, (_, j) => row[j] ?? '');
    const key = (values[0] ?? '').trim();
    if (!key) {
      errors.push(`Row ${n} has no key (the first column).`);
      return;
    }
    const seen = keys.get(key);
    if (seen !== undefined) {
      errors.push(`Row ${n} repeats the key “${key}” of row ${seen}.`);
      return;
    }
    keys.set(key, n);
    items.push({ values });
  });
  return { items, errors };
}

/** The other way round: items as TSV, for editing them in the textarea. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (/[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join('\t')).join('\n');
}
