import type { CatalogSummary } from '../../api/types';
import type { FieldDraft, PathErrors } from '../../lib/templateDraft';
import { fieldTypes, isChoiceType, isLayoutType, move, newField, newKey, withLabel, withType } from '../../lib/templateDraft';
import { Errors, invalid } from './PathErrors';

interface Props {
  field: FieldDraft;
  index: number;
  count: number;
  /** API path of this field: `fields[2]` or `fields[2].columns[0]`. */
  path: string;
  siblings: readonly FieldDraft[];
  stepCount: number;
  catalogs: readonly CatalogSummary[];
  inTable?: boolean;
  readOnly: boolean;
  errors: PathErrors;
  onChange: (field: FieldDraft) => void;
  onRemove: () => void;
  onMove: (delta: number) => void;
}

/** One field of the designer: type, label, code, step settings and the settings of its type (columns of a table, recursively). */
export function FieldEditor({ field, index, count, path, siblings, stepCount, catalogs, inTable, readOnly, errors, onChange, onRemove, onMove }: Props) {
  const id = path.replace(/[^a-z0-9]+/gi, '-');
  const tid = inTable ? `column-${index}` : `field-${index}`;
  const set = (patch: Partial<FieldDraft>) => onChange({ ...field, ...patch });
  const steps = Array.from({ length: Math.max(1, stepCount) }, (_, i) => i + 1);
  const types = fieldTypes.filter((t) => !inTable || t.inTable);
  const what = inTable ? 'column' : 'field';
  const name = field.label || `${what} ${index + 1}`;

  const stepSelect = (key: 'requiredFromStep' | 'readOnlyFromStep', label: string, none: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} data-testid={`${tid}-${key === 'requiredFromStep' ? 'required' : 'readonly'}`} value={field[key]}
        disabled={readOnly} aria-invalid={invalid(errors, `${path}.${key}`)} onChange={(e) => set({ [key]: e.target.value })}>
        <option value="">{none}</option>
        {steps.map((s) => <option key={s} value={String(s)}>{s === 1 ? 'from the start (step 1)' : `from step ${s}`}</option>)}
        {field[key] && !steps.includes(Number(field[key])) && <option value={field[key]}>step {field[key]} (not in the route)</option>}
      </select>
      <Errors errors={errors} path={`${path}.${key}`} />
    </div>
  );

  return (
    <li className={inTable ? 'designer-field designer-column' : 'designer-field'} data-testid={inTable ? 'designer-column' : 'designer-field'}>
      <div className="designer-field-head">
        <strong>{inTable ? 'Column' : 'Field'} {index + 1}</strong>
        {!readOnly && (
          <span className="designer-tools">
            <button type="button" className="btn btn-ghost btn-small" aria-label={`Move ${name} up`} disabled={index === 0}
              onClick={() => onMove(-1)}>↑</button>
            <button type="button" className="btn btn-ghost btn-small" aria-label={`Move ${name} down`} disabled={index === count - 1}
              onClick={() => onMove(1)}>↓</button>
            <button type="button" className="btn btn-ghost btn-small" data-testid={`${tid}-remove`} aria-label={`Remove ${name}`}
              onClick={onRemove}>Remove</button>
          </span>
        )}
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} data-testid={`${tid}-type`} value={field.type} disabled={readOnly}
            aria-invalid={invalid(errors, `${path}.type`)} onChange={(e) => onChange(withType(field, e.target.value))}>
            {types.map((t) => <option key={t.type} value={t.type}>{t.label}</option>)}
          </select>
          <Errors errors={errors} path={`${path}.type`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>Label</label>
          <input id={`${id}-label`} data-testid={`${tid}-label`} value={field.label} maxLength={200} readOnly={readOnly}
            aria-invalid={invalid(errors, `${path}.label`)} onChange={(e) => onChange(withLabel(field, e.target.value, siblings))} />
          <Errors errors={errors} path={`${path}.label`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-code`}>Code</label>
          <input id={`${id}-code`} data-testid={`${tid}-code`} className="mono" value={field.code} maxLength={64} readOnly={readOnly}
            aria-invalid={invalid(errors, `${path}.code`)} aria-describedby={`${id}-code-hint`}
            onChange={(e) => set({ code: e.target.value, codeLocked: true })} />
          <small className="hint" id={`${id}-code-hint`}>Stable key of the value (a-z, 0-9, _); keep it when renaming.</small>
          <Errors errors={errors} path={`${path}.code`} />
        </div>
      </div>
      <Errors errors={errors} path={path} />
      {!isLayoutType(field.type) && (
        <div className="form-grid">
          {stepSelect('requiredFromStep', 'Required', 'Optional')}
          {stepSelect('readOnlyFromStep', 'Read-only', 'Always editable')}
        </div>
      )}
      {(field.type === 'number' || field.type === 'money') && (
        <div className="form-grid">
          {(['min', 'max'] as const).map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{key === 'min' ? 'Minimum' : 'Maximum'}</label>
              <input id={`${id}-${key}`} data-testid={`${tid}-${key}`} inputMode="decimal" value={field[key]} readOnly={readOnly}
                aria-invalid={invalid(errors, `${path}.${key}`)} onChange={(e) => set({ [key]: e.target.value })} />
              <Errors errors={errors} path={`${path}.${key}`} />
            </div>
          ))}
          {field.type === 'number' ? (
            <div className="field">
              <label htmlFor={`${id}-decimals`}>Decimals</label>
              <input id={`${id}-decimals`} data-testid={`${tid}-decimals`} inputMode="numeric" placeholder="any" value={field.decimals}
                readOnly={readOnly} aria-invalid={invalid(errors, `${path}.decimals`)} onChange={(e) => set({ decimals: e.target.value })} />
              <Errors errors={errors} path={`${path}.decimals`} />
            </div>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-currency`}>Currency</label>
              <input id={`${id}-currency`} data-testid={`${tid}-currency`} maxLength={3} placeholder="EUR" value={field.currency}
                readOnly={readOnly} aria-invalid={invalid(errors, `${path}.currency`)}
                onChange={(e) => set({ currency: e.target.value.toUpperCase() })} />
              <Errors errors={errors} path={`${path}.currency`} />
            </div>
          )}
        </div>
      )}
      {isChoiceType(field.type) && (
        <fieldset className="designer-options">
          <legend>Options</legend>
          <Errors errors={errors} path={`${path}.options`} />
          <ol>
            {field.options.map((o, i) => (
              <li key={o.key}>
                <span className="option-row">
                  <label htmlFor={`${id}-option-${i}`} className="sr-only">Option {i + 1}</label>
                  <input id={`${id}-option-${i}`} data-testid={`${tid}-option-${i}`} value={o.label} readOnly={readOnly}
                    aria-invalid={invalid(errors, `${path}.options[${i}].label`)}
                    onChange={(e) => set({ options: field.options.map((x) => (x.key === o.key ? { ...x, label: e.target.value } : x)) })} />
                  {o.id && <span className="muted mono" title="Stored id: values keep it across versions">{o.id}</span>}
                  {!readOnly && (
                    <>
                      <button type="button" className="btn btn-ghost btn-small" aria-label={`Move option ${i + 1} up`} disabled={i === 0}
                        onClick={() => set({ options: move(field.options, i, -1) })}>↑</button>
                      <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove option ${i + 1}`}
                        onClick={() => set({ options: field.options.filter((x) => x.key !== o.key) })}>×</button>
                    </>
                  )}
                </span>
                <Errors errors={errors} path={`${path}.options[${i}].label`} />
                <Errors errors={errors} path={`${path}.options[${i}].id`} />
              </li>
            ))}
          </ol>
          {!readOnly && (
            <button type="button" className="btn btn-secondary btn-small" data-testid={`${tid}-add-option`}
              onClick={() => set({ options: [...field.options, { key: newKey(), label: '' }] })}>Add option</button>
          )}
        </fieldset>
      )}
      {field.type === 'catalog' && (
        <div className="field">
          <label htmlFor={`${id}-catalog`}>Catalog</label>
          <select id={`${id}-catalog`} data-testid={`${tid}-catalog`} value={field.catalogId} disabled={readOnly}
            aria-invalid={invalid(errors, `${path}.catalogId`)} onChange={(e) => set({ catalogId: e.target.value })}>
            <option value="">Choose a catalog…</option>
            {field.catalogId && !catalogs.some((c) => c.id === field.catalogId) && <option value={field.catalogId}>{field.catalogId}</option>}
            {catalogs.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <Errors errors={errors} path={`${path}.catalogId`} />
        </div>
      )}
      {field.type === 'file' && <p className="muted">Files are listed by id on tasks until uploads arrive with the Files module.</p>}
      {field.type === 'table' && (
        <fieldset className="designer-columns">
          <legend>Columns</legend>
          <Errors errors={errors} path={`${path}.columns`} />
          <ol className="designer-fields">
            {field.columns.map((c, i) => (
              <FieldEditor key={c.key} field={c} index={i} count={field.columns.length} path={`${path}.columns[${i}]`}
                siblings={field.columns} stepCount={stepCount} catalogs={catalogs} inTable readOnly={readOnly} errors={errors}
                onChange={(next) => set({ columns: field.columns.map((x) => (x.key === c.key ? next : x)) })}
                onRemove={() => set({ columns: field.columns.filter((x) => x.key !== c.key) })}
                onMove={(delta) => set({ columns: move(field.columns, i, delta) })} />
            ))}
          </ol>
          {!readOnly && (
            <button type="button" className="btn btn-secondary btn-small" data-testid={`${tid}-add-column`}
              onClick={() => set({ columns: [...field.columns, newField('text')] })}>Add column</button>
          )}
        </fieldset>
      )}
    </li>
  );
}
