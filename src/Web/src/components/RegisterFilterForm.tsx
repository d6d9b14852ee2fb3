import { useState } from 'react';
import type { FormEvent } from 'react';
import type { FormFieldDef } from '../api/types';
import type { FieldFilter, RegisterFilters, TextMatch } from '../lib/register';
import { activeFilterCount, filterKind, registerQuery, sortOnlyQuery } from '../lib/register';
import { useUsers } from '../lib/users';

interface Props {
  fields: readonly FormFieldDef[];
  /** The filters in the URL; the form edits a copy until it is applied. */
  applied: RegisterFilters;
  onApply: (query: string) => void;
}

const FieldError = ({ message }: { message?: string }) =>
  (message ? <small className="field-error" role="alert" data-testid="field-error">{message}</small> : null);

/** The register's filters: by state, step, creation and activity days and by field value as each type allows. */
export function RegisterFilterForm({ fields, applied, onApply }: Props) {
  const { users } = useUsers();
  const [draft, setDraft] = useState(applied);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const people = users.filter((u) => !u.isBot).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const set = (patch: Partial<RegisterFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const setField = (code: string, patch: FieldFilter) =>
    setDraft((d) => ({ ...d, fields: { ...d.fields, [code]: { ...d.fields[code], ...patch } } }));
  const filterable = fields.filter((f) => filterKind(f) !== null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { query, errors: problems } = registerQuery(draft, fields);
    setErrors(problems);
    if (Object.keys(problems).length === 0) onApply(query);
  };

  const input = (f: FormFieldDef) => {
    const id = `register-filter-${f.code}`;
    const value = draft.fields[f.code]?.value ?? '';
    const onValue = (v: string) => setField(f.code, { value: v });
    const range = (type: 'number' | 'date' | 'time') => (
      <fieldset key={f.code} className="field range-filter">
        <legend>{f.label}{f.type === 'money' && f.currency ? ` (${f.currency})` : ''}</legend>
        <span className="range-inputs">
          <label htmlFor={`${id}-min`} className="sr-only">{f.label} from</label>
          <input id={`${id}-min`} data-testid={`${id}-min`} type={type === 'number' ? 'text' : type} placeholder="from"
            inputMode={type === 'number' ? 'decimal' : undefined}
            value={draft.fields[f.code]?.min ?? ''} onChange={(e) => setField(f.code, { min: e.target.value })} />
          <span aria-hidden="true">–</span>
          <label htmlFor={`${id}-max`} className="sr-only">{f.label} to</label>
          <input id={`${id}-max`} data-testid={`${id}-max`} type={type === 'number' ? 'text' : type} placeholder="to"
            inputMode={type === 'number' ? 'decimal' : undefined}
            value={draft.fields[f.code]?.max ?? ''} onChange={(e) => setField(f.code, { max: e.target.value })} />
        </span>
        <FieldError message={errors[`f.${f.code}.min`] ?? errors[`f.${f.code}.max`]} />
      </fieldset>
    );
    switch (filterKind(f)) {
      case 'number':
        return range('number');
      case 'day':
        return range('date');
      case 'time':
        return range('time');
      case 'options': {
        const picked = draft.fields[f.code]?.values ?? [];
        const toggle = (option: string, on: boolean) =>
          setField(f.code, { values: on ? [...picked, option] : picked.filter((o) => o !== option) });
        return (
          <fieldset key={f.code} className="field options-filter" data-testid={id}>
            <legend>{f.label} <span className="muted">(any of)</span></legend>
            {(f.options ?? []).map((o) => (
              <label key={o.id} className="checkbox-label">
                <input type="checkbox" data-testid={`${id}-${o.id}`} checked={picked.includes(o.id)}
                  onChange={(e) => toggle(o.id, e.target.checked)} />
                {' '}{o.label}
              </label>
            ))}
          </fieldset>
        );
      }
      case 'choice':
        return (
          <div key={f.code} className="field">
            <label htmlFor={id}>{f.label}</label>
            <select id={id} data-testid={id} value={value} onChange={(e) => onValue(e.target.value)}>
              <option value="">Any</option>
              {(f.options ?? []).map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </select>
          </div>
        );
      case 'person':
        return (
          <div key={f.code} className="field">
            <label htmlFor={id}>{f.label}</label>
            <select id={id} data-testid={id} value={value} onChange={(e) => onValue(e.target.value)}>
              <option value="">Anyone</option>
              {people.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
            </select>
          </div>
        );
      case 'checkbox':
        return (
          <div key={f.code} className="field">
            <label htmlFor={id}>{f.label}</label>
            <select id={id} data-testid={id} value={value} onChange={(e) => onValue(e.target.value)}>
              <option value="">Any</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          </div>
        );
      default: {
        const match: TextMatch = draft.fields[f.code]?.match ?? 'contains';
        return (
          <div key={f.code} className="field">
            <label htmlFor={id}>{f.label}</label>
            <span className="text-filter">
              <label htmlFor={`${id}-match`} className="sr-only">{f.label}: how to match</label>
              <select id={`${id}-match`} data-testid={`${id}-match`} className="inline-select" value={match}
                onChange={(e) => setField(f.code, { match: e.target.value as TextMatch })}>
                <option value="contains">contains</option>
                <option value="equals">is exactly</option>
              </select>
              <input id={id} data-testid={id} placeholder={match === 'contains' ? 'any part, any case' : 'exact value'}
                value={value} onChange={(e) => onValue(e.target.value)} />
            </span>
            <FieldError message={errors[`f.${f.code}`] ?? errors[`f.${f.code}.contains`]} />
          </div>
        );
      }
    }
  };

  const count = activeFilterCount(applied);
  return (
    <form className="register-filters" onSubmit={submit} noValidate aria-label="Filters">
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="register-status">State</label>
          <select id="register-status" data-testid="register-status" value={draft.status}
            onChange={(e) => set({ status: e.target.value as RegisterFilters['status'] })}>
            <option value="">Open and closed</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="register-step">At step</label>
          <input id="register-step" data-testid="register-step" inputMode="numeric" placeholder="any"
            value={draft.step} onChange={(e) => set({ step: e.target.value })} />
          <FieldError message={errors.step} />
        </div>
        <fieldset className="field range-filter range-wide">
          <legend>Created</legend>
          <span className="range-inputs">
            <label htmlFor="register-created-from" className="sr-only">Created from</label>
            <input id="register-created-from" data-testid="register-created-from" type="date"
              value={draft.createdFrom} onChange={(e) => set({ createdFrom: e.target.value })} />
            <span aria-hidden="true">–</span>
            <label htmlFor="register-created-to" className="sr-only">Created until</label>
            <input id="register-created-to" data-testid="register-created-to" type="date"
              value={draft.createdTo} onChange={(e) => set({ createdTo: e.target.value })} />
          </span>
          <FieldError message={errors.createdFrom ?? errors.createdTo} />
        </fieldset>
        <fieldset className="field range-filter range-wide">
          <legend>Last activity</legend>
          <span className="range-inputs">
            <label htmlFor="register-updated-from" className="sr-only">Last activity from</label>
            <input id="register-updated-from" data-testid="register-updated-from" type="date"
              value={draft.updatedFrom} onChange={(e) => set({ updatedFrom: e.target.value })} />
            <span aria-hidden="true">–</span>
            <label htmlFor="register-updated-to" className="sr-only">Last activity until</label>
            <input id="register-updated-to" data-testid="register-updated-to" type="date"
              value={draft.updatedTo} onChange={(e) => set({ updatedTo: e.target.value })} />
          </span>
          <FieldError message={errors.updatedFrom ?? errors.updatedTo} />
        </fieldset>
        {filterable.map(input)}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" data-testid="register-apply">Apply filters</button>
        {count > 0 && (
          <button type="button" className="btn btn-ghost" data-testid="register-clear"
            onClick={() => onApply(sortOnlyQuery(applied, fields))}>
            Clear {count === 1 ? '1 filter' : `${count} filters`}
          </button>
        )}
      </div>
    </form>
  );
}
