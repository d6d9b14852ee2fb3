import { useState } from 'react';
import type { NamedRef } from '../api/types';

interface Props {
  id: string;
  label: string;
  /** What can be picked. */
  choices: readonly NamedRef[];
  selected: readonly string[];
  /** Name for an id that is not (or no longer) among the choices. */
  nameOf?: (id: string) => string;
  /** Read-only: no add or remove controls. */
  disabled?: boolean;
  /** A change is being saved: controls stay (and keep focus) but do nothing. */
  busy?: boolean;
  testId: string;
  onChange: (ids: string[]) => void;
}

/** A set of people or roles: chips with a remove button, and a select + Add button (keyboard-friendly). */
export function ChipPicker({ id, label, choices, selected, nameOf, disabled, busy, testId, onChange }: Props) {
  const [adding, setAdding] = useState('');
  const name = (x: string) => choices.find((c) => c.id === x)?.name ?? nameOf?.(x) ?? x;
  const rest = choices.filter((c) => !selected.includes(c.id));
  return (
    <div className="chip-picker" data-testid={testId}>
      <span className="label" id={`${id}-label`}>{label}</span>
      <ul className="chips" aria-labelledby={`${id}-label`}>
        {selected.length === 0 && <li className="muted">None</li>}
        {selected.map((x) => (
          <li key={x} className="chip" data-testid={`${testId}-chip`}>
            {name(x)}
            {!disabled && (
              <button type="button" className="chip-remove" aria-label={`Remove ${name(x)}`} title="Remove" disabled={busy}
                onClick={() => onChange(selected.filter((s) => s !== x))}>×</button>
            )}
          </li>
        ))}
      </ul>
      {!disabled && rest.length > 0 && (
        <span className="participant-add">
          <label htmlFor={id} className="sr-only">Add to {label.toLowerCase()}</label>
          <select id={id} data-testid={`${testId}-select`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Add…</option>
            {rest.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <button type="button" className="btn btn-secondary" data-testid={`${testId}-add`} disabled={!adding || busy}
            onClick={() => {
              onChange([...selected, adding]);
              setAdding('');
            }}>Add</button>
        </span>
      )}
    </div>
  );
}
