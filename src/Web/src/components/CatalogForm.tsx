import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CatalogInput } from '../api/types';
import { buildCatalog } from '../lib/catalogInput';
import type { CatalogDraft } from '../lib/catalogInput';
import { ErrorBox } from './ErrorBox';
import { Field } from './Field';

interface Props {
  /** Shown (and required) when creating; a full sync keeps the name. */
  withName: boolean;
  initial?: CatalogDraft;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: CatalogInput) => void;
  onCancel?: () => void;
}

/** Name, columns and rows pasted from a spreadsheet or CSV; used for create and full sync. */
export function CatalogForm({ withName, initial, busy, error, submitLabel, onSubmit, onCancel }: Props) {
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<CatalogDraft>(initial ?? { columns: '', rows: '', firstRowIsHeader: false });
  const [problems, setProblems] = useState<string[]>([]);
  const set = (patch: Partial<CatalogDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = buildCatalog(draft);
    const all = withName && !name.trim() ? ['Give the catalog a name.', ...errors] : errors;
    setProblems(all);
    if (all.length === 0 && input) onSubmit(withName ? { name: name.trim(), ...input } : input);
  };

  return (
    <form className="catalog-form" onSubmit={submit} noValidate>
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">{problems.map((p) => <p key={p}>{p}</p>)}</div>
      )}
      <ErrorBox error={error} testId="catalog-error" />
      {withName && (
        <Field label="Name" htmlFor="catalog-name">
          <input id="catalog-name" data-testid="catalog-name" maxLength={200} value={name}
            onChange={(e) => setName(e.target.value)} />
        </Field>
      )}
      <Field label="Columns" htmlFor="catalog-columns" hint="Comma-separated; the first column is the key.">
        <input id="catalog-columns" data-testid="catalog-columns" value={draft.columns}
          disabled={draft.firstRowIsHeader} onChange={(e) => set({ columns: e.target.value })} />
      </Field>
      <Field label="Rows" htmlFor="catalog-rows"
        hint="Paste from a spreadsheet (tab-separated) or CSV, one item per line.">
        <textarea id="catalog-rows" data-testid="catalog-rows" rows={8} className="mono" value={draft.rows}
          onChange={(e) => set({ rows: e.target.value })} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={draft.firstRowIsHeader} data-testid="catalog-first-row-header"
          onChange={(e) => set({ firstRowIsHeader: e.target.checked })} />
        The first row holds the column names
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-primary" data-testid="catalog-save" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && <button type="button" className="btn btn-secondary" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
