import type { FormFieldDef } from '../api/types';
import type { Draft, DraftValue } from '../lib/formValues';
import { emptyRow, isEditable } from '../lib/formValues';
import { useUsers } from '../lib/users';
import { CatalogPicker } from './CatalogPicker';

interface InputProps {
  field: FormFieldDef;
  id: string;
  testId: string;
  value: DraftValue | undefined;
  disabled?: boolean;
  /** For inputs without a visible label of their own (table cells). */
  ariaLabel?: string;
  onChange: (value: DraftValue) => void;
}

/** One input for a form field, by type (unknown types as text). */
export function FormFieldInput({ field, id, testId, value, disabled, ariaLabel, onChange }: InputProps) {
  const { users } = useUsers();
  const text = typeof value === 'string' ? value : '';
  const common = { id, 'data-testid': testId, disabled, 'aria-label': ariaLabel };
  switch (field.type) {
    case 'multiline_text':
      return <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
    case 'money':
      return (
        <span className="money-input">
          <input {...common} type="text" inputMode="decimal" value={text} onChange={(e) => onChange(e.target.value)} />
          {field.type === 'money' && field.currency && <span className="muted"> {field.currency}</span>}
        </span>
      );
    case 'date':
      return <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'time':
      return <input {...common} type="time" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'checkbox':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'single_choice':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {(field.options ?? []).map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </select>
      );
    case 'multiple_choice': {
      const chosen = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
      return (
        <span id={id} data-testid={testId} className="choice-list" role="group" aria-label={ariaLabel}>
          {(field.options ?? []).map((o) => (
            <label key={o.id} className="checkbox-label">
              <input type="checkbox" disabled={disabled} checked={chosen.includes(o.id)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))} />
              {' '}{o.label}
            </label>
          ))}
        </span>
      );
    }
    case 'person': {
      const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {sorted.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
        </select>
      );
    }
    case 'catalog':
      return <CatalogPicker catalogId={field.catalogId} id={id} testId={testId} value={text} disabled={disabled}
        ariaLabel={ariaLabel} onChange={onChange} />;
    case 'file': {
      // Read-only until the Files module can upload: the ids are shown as they are stored.
      const ids = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
      return <span id={id} data-testid={testId} className="file-ids mono" aria-label={ariaLabel}>{ids.length ? ids.join(', ') : '—'}</span>;
    }
    default:
      return <input {...common} type={field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : 'text'} value={text}
        onChange={(e) => onChange(e.target.value)} />;
  }
}

interface FieldsProps {
  fields: readonly FormFieldDef[];
  draft: Draft;
  errors: Record<string, string[]>;
  idPrefix: string;
  testIdPrefix: string;
  isRequired?: (field: FormFieldDef) => boolean;
  isReadOnly?: (field: FormFieldDef) => boolean;
  onChange: (draft: Draft) => void;
}

interface TableProps {
  field: FormFieldDef;
  id: string;
  testId: string;
  rows: Draft[];
  disabled?: boolean;
  required?: boolean;
  isReadOnly?: (column: FormFieldDef) => boolean;
  onChange: (rows: Draft[]) => void;
}

/** A table field: one row of typed cells per entry, rows added and removed (not while the table is read-only). */
export function TableFieldInput({ field, id, testId, rows, disabled, required, isReadOnly, onChange }: TableProps) {
  const columns = (field.columns ?? []).filter((c) => c.type !== 'title' && c.type !== 'section');
  const setCell = (index: number, code: string, value: DraftValue) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [code]: value } : row)));
  return (
    <fieldset className="field table-field" id={id} data-testid={testId}>
      <legend>{field.label}{required ? ' *' : ''}</legend>
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="cluster-table form-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                {columns.map((c) => <th key={c.code} scope="col">{c.label}</th>)}
                {!disabled && <th scope="col"><span className="sr-only">Remove</span></th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} data-testid={`${testId}-row`}>
                  <td className="num muted">{i + 1}</td>
                  {columns.map((c) => (
                    <td key={c.code}>
                      <FormFieldInput field={c} id={`${id}-${i}-${c.code}`} testId={`${testId}-${i}-${c.code}`} value={row[c.code]}
                        ariaLabel={`${c.label}, row ${i + 1}`} disabled={disabled || isReadOnly?.(c)}
                        onChange={(v) => setCell(i, c.code, v)} />
                    </td>
                  ))}
                  {!disabled && (
                    <td>
                      <button type="button" className="btn btn-ghost btn-small" data-testid={`${testId}-remove-row`}
                        aria-label={`Remove row ${i + 1} of ${field.label}`} onClick={() => onChange(rows.filter((_, n) => n !== i))}>×</button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length === 0 && <p className="muted">No rows.</p>}
      {!disabled && (
        <button type="button" className="btn btn-secondary btn-small" data-testid={`${testId}-add-row`}
          onClick={() => onChange([...rows, emptyRow(field)])}>Add row</button>
      )}
    </fieldset>
  );
}

/** The editable fields of a form, each with its label and its errors; layout fields as headings. */
export function FormFieldInputs({ fields, draft, errors, idPrefix, testIdPrefix, isRequired, isReadOnly, onChange }: FieldsProps) {
  return (
    <div className="form-fields">
      {fields.map((f) => {
        if (f.type === 'title' || f.type === 'section') return <h3 key={f.code} className="form-section">{f.label}</h3>;
        if (!isEditable(f)) return null;
        const id = `${idPrefix}-${f.code}`;
        const messages = errors[f.code] ?? [];
        if (f.type === 'table') {
          const value = draft[f.code];
          const rows = Array.isArray(value) ? value.filter((r): r is Draft => typeof r === 'object') : [];
          return (
            <div key={f.code}>
              <TableFieldInput field={f} id={id} testId={`${testIdPrefix}${f.code}`} rows={rows} required={isRequired?.(f)}
                disabled={isReadOnly?.(f)} isReadOnly={isReadOnly} onChange={(next) => onChange({ ...draft, [f.code]: next })} />
              {messages.map((m, i) => <small key={i} className="field-error" role="alert" data-testid="field-error">{m}</small>)}
            </div>
          );
        }
        return (
          <div key={f.code} className="field">
            <label htmlFor={id}>{f.label}{isRequired?.(f) ? ' *' : ''}</label>
            <FormFieldInput field={f} id={id} testId={`${testIdPrefix}${f.code}`} value={draft[f.code]}
              disabled={isReadOnly?.(f)} onChange={(v) => onChange({ ...draft, [f.code]: v })} />
            {messages.map((m, i) => <small key={i} className="field-error" role="alert" data-testid="field-error">{m}</small>)}
          </div>
        );
      })}
    </div>
  );
}
