import type { FormFieldDef } from '../api/types';
import type { Draft, DraftValue } from '../lib/formValues';
import { isEditable } from '../lib/formValues';
import { useUsers } from '../lib/users';

interface InputProps {
  field: FormFieldDef;
  id: string;
  testId: string;
  value: DraftValue | undefined;
  disabled?: boolean;
  onChange: (value: DraftValue) => void;
}

/** One input for a form field, by type (unknown types as text). */
export function FormFieldInput({ field, id, testId, value, disabled, onChange }: InputProps) {
  const { users } = useUsers();
  const text = typeof value === 'string' ? value : '';
  const common = { id, 'data-testid': testId, disabled };
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
      const chosen = Array.isArray(value) ? value : [];
      return (
        <span id={id} data-testid={testId} className="choice-list">
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
    default:
      return <input {...common} type={field.type === 'email' ? 'email' : 'text'} value={text}
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

/** The editable fields of a form, each with its label and its errors; layout fields as headings. */
export function FormFieldInputs({ fields, draft, errors, idPrefix, testIdPrefix, isRequired, isReadOnly, onChange }: FieldsProps) {
  return (
    <div className="form-fields">
      {fields.map((f) => {
        if (f.type === 'title' || f.type === 'section') return <h3 key={f.code} className="form-section">{f.label}</h3>;
        if (!isEditable(f)) return null;
        const id = `${idPrefix}-${f.code}`;
        const messages = errors[f.code] ?? [];
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
