import { useState } from 'react';
import type { FormFieldDef, FormTemplate, FormValue, TaskForm } from '../api/types';
import type { NameOf } from '../lib/formValues';
import type { Draft } from '../lib/formValues';
import { fieldErrors, formatValue, isLayout, isReadOnlyAt, isRequiredAt, toDraft } from '../lib/formValues';
import { useUsers } from '../lib/users';
import { FormFieldInputs } from './FormFieldInput';

interface Props {
  form: TaskForm;
  template: FormTemplate | null;
  busy: boolean;
  closed: boolean;
  error: unknown;
  /** Resolves true when the change was saved (the editor then closes). */
  onSave: (draft: Draft) => Promise<boolean>;
}

/** A table value as a table; cells formatted per column type. */
function TableValue({ field, value, nameOf }: { field: FormFieldDef; value: FormValue | undefined; nameOf: NameOf }) {
  const rows = Array.isArray(value) ? value.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null) : [];
  if (rows.length === 0) return <>—</>;
  const columns = (field.columns ?? []).filter((c) => !isLayout(c));
  return (
    <div className="table-scroll">
      <table className="cluster-table form-table" data-testid="form-table-value">
        <thead><tr>{columns.map((c) => <th key={c.code} scope="col">{c.label}</th>)}</tr></thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>{columns.map((c) => <td key={c.code}>{formatValue(c, row[c.code] as FormValue, nameOf)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** File fields hold file ids until the Files module can show the files themselves: the ids, as they are. */
function FileIds({ value }: { value: FormValue | undefined }) {
  const ids = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  if (ids.length === 0) return <>—</>;
  return (
    <>
      <ul className="file-ids mono">{ids.map((x) => <li key={x}>{x}</li>)}</ul>
      <small className="hint">File ids: the files cannot be opened here yet.</small>
    </>
  );
}

/** A form task's fields: read as text, or edited with an input per type. */
export function FormPanel({ form, template, busy, closed, error, onSave }: Props) {
  const { nameOf } = useUsers();
  const [draft, setDraft] = useState<Draft | null>(null);
  const step = form.route.currentStep;
  if (!template) {
    return <section className="card form-panel" data-testid="form-panel"><h2>Form</h2><p className="muted">Loading…</p></section>;
  }
  const fields = template.fields;
  return (
    <section className="card form-panel" data-testid="form-panel">
      <div className="card-head">
        <h2>Form: {template.name}</h2>
        {draft === null && !closed && (
          <button type="button" className="btn btn-ghost" data-testid="form-edit" disabled={busy}
            onClick={() => setDraft(toDraft(fields, form.values))}>Edit fields</button>
        )}
      </div>
      {draft === null ? (
        <dl className="form-values">
          {fields.map((f) => (isLayout(f)
            ? <h3 key={f.code} className="form-section">{f.label}</h3>
            : (
              <div key={f.code} className="form-value" data-testid="form-field" data-code={f.code}>
                <dt>{f.label}</dt>
                <dd>
                  {f.type === 'table' ? <TableValue field={f} value={form.values[f.code]} nameOf={nameOf} />
                    : f.type === 'file' ? <FileIds value={form.values[f.code]} />
                    : formatValue(f, form.values[f.code], nameOf)}
                </dd>
              </div>
            )))}
        </dl>
      ) : (
        <form noValidate onSubmit={(e) => {
          e.preventDefault();
          void onSave(draft).then((saved) => { if (saved) setDraft(null); });
        }}>
          <FormFieldInputs fields={fields} draft={draft} errors={fieldErrors(error)} idPrefix="form-edit"
            testIdPrefix="form-field-" onChange={setDraft}
            isRequired={(f) => isRequiredAt(f, step)} isReadOnly={(f) => isReadOnlyAt(f, step)} />
          <div className="form-row">
            <button type="submit" className="btn btn-primary" data-testid="form-save" disabled={busy}>Save</button>
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => setDraft(null)}>Cancel</button>
          </div>
        </form>
      )}
    </section>
  );
}
