import type { NamedRef, OnReject } from '../../api/types';
import type { FieldDraft, PathErrors, RuleDraft, StepDraft } from '../../lib/templateDraft';
import { isLayoutType, isOrderedType, move, newRule, newStep } from '../../lib/templateDraft';
import { ChipPicker } from '../ChipPicker';
import { Errors, invalid } from './PathErrors';

interface Props {
  steps: StepDraft[];
  rules: RuleDraft[];
  onReject: OnReject;
  fields: readonly FieldDraft[];
  people: readonly NamedRef[];
  roles: readonly NamedRef[];
  nameOf: (id: string) => string;
  readOnly: boolean;
  errors: PathErrors;
  onChange: (patch: { steps?: StepDraft[]; rules?: RuleDraft[]; onReject?: OnReject }) => void;
}

const operators = [
  { value: 'equals', label: 'equals' },
  { value: 'not_equals', label: 'does not equal' },
  { value: 'greater', label: 'is greater than' },
  { value: 'less', label: 'is less than' },
  { value: 'is_set', label: 'is filled in' },
];

/** The approval route: numbered steps (people and roles), rules that add approvers or participants, and what a rejection does. */
export function RouteEditor({ steps, rules, onReject, fields, people, roles, nameOf, readOnly, errors, onChange }: Props) {
  const setStep = (key: string, patch: Partial<StepDraft>) => onChange({ steps: steps.map((s) => (s.key === key ? { ...s, ...patch } : s)) });
  const setRule = (key: string, patch: Partial<RuleDraft>) => onChange({ rules: rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const personFields = fields.filter((f) => f.type === 'person' && f.code);
  const conditionFields = fields.filter((f) => f.code && !isLayoutType(f.type) && f.type !== 'table');

  return (
    <>
      <section className="card" aria-labelledby="designer-route-heading">
        <h2 id="designer-route-heading">Approval route</h2>
        <p className="muted">Steps run in order; a step is done when all its approvers have approved. A step that resolves to nobody is skipped. Without steps the form has no approval.</p>
        <Errors errors={errors} path="route.steps" />
        <ol className="designer-steps">
          {steps.map((s, i) => (
            <li key={s.key} className="designer-step" data-testid="designer-step">
              <div className="designer-field-head">
                <strong>Step {i + 1}</strong>
                {!readOnly && (
                  <span className="designer-tools">
                    <button type="button" className="btn btn-ghost btn-small" aria-label={`Move step ${i + 1} up`} disabled={i === 0}
                      onClick={() => onChange({ steps: move(steps, i, -1) })}>↑</button>
                    <button type="button" className="btn btn-ghost btn-small" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1}
                      onClick={() => onChange({ steps: move(steps, i, 1) })}>↓</button>
                    <button type="button" className="btn btn-ghost btn-small" data-testid={`step-${i}-remove`} aria-label={`Remove step ${i + 1}`}
                      onClick={() => onChange({ steps: steps.filter((x) => x.key !== s.key) })}>Remove</button>
                  </span>
                )}
              </div>
              <div className="field">
                <label htmlFor={`step-${i}-name`}>Name (optional)</label>
                <input id={`step-${i}-name`} data-testid={`step-${i}-name`} value={s.name} maxLength={200} readOnly={readOnly}
                  aria-invalid={invalid(errors, `route.steps[${i}].name`)} onChange={(e) => setStep(s.key, { name: e.target.value })} />
                <Errors errors={errors} path={`route.steps[${i}].name`} />
              </div>
              <ChipPicker id={`step-${i}-approvers`} label="Approvers" testId={`step-${i}-approvers`} choices={people}
                selected={s.approvers} nameOf={nameOf} disabled={readOnly} onChange={(approvers) => setStep(s.key, { approvers })} />
              <Errors errors={errors} path={`route.steps[${i}].approvers`} />
              <ChipPicker id={`step-${i}-roles`} label="Roles (every member approves)" testId={`step-${i}-roles`} choices={roles}
                selected={s.roles} disabled={readOnly} onChange={(r) => setStep(s.key, { roles: r })} />
              <Errors errors={errors} path={`route.steps[${i}].roles`} />
              <Errors errors={errors} path={`route.steps[${i}]`} />
            </li>
          ))}
        </ol>
        {!readOnly && (
          <button type="button" className="btn btn-secondary" data-testid="designer-add-step"
            onClick={() => onChange({ steps: [...steps, newStep()] })}>Add step</button>
        )}
        <div className="field designer-on-reject">
          <label htmlFor="designer-on-reject">When an approver rejects</label>
          <select id="designer-on-reject" data-testid="designer-on-reject" value={onReject} disabled={readOnly}
            aria-invalid={invalid(errors, 'route.onReject')} onChange={(e) => onChange({ onReject: e.target.value as OnReject })}>
            <option value="back_to_previous_step">Go back to the previous step (step 1 starts again)</option>
            <option value="back_to_first_step">Go back to step 1</option>
            <option value="close_rejected">Close the task as rejected</option>
          </select>
          <Errors errors={errors} path="route.onReject" />
        </div>
      </section>

      <section className="card" aria-labelledby="designer-rules-heading">
        <h2 id="designer-rules-heading">Rules</h2>
        <p className="muted">Add approvers to a step, or participants to the task — always, or when a field's value meets a condition.</p>
        <Errors errors={errors} path="route.rules" />
        <ol className="designer-steps">
          {rules.map((r, i) => {
            const at = `route.rules[${i}]`;
            const whenField = fields.find((f) => f.code === r.whenField);
            return (
              <li key={r.key} className="designer-step" data-testid="designer-rule">
                <div className="designer-field-head">
                  <strong>Rule {i + 1}</strong>
                  {!readOnly && (
                    <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove rule ${i + 1}`}
                      onClick={() => onChange({ rules: rules.filter((x) => x.key !== r.key) })}>Remove</button>
                  )}
                </div>
                <div className="form-grid">
                  <div className="field">
                    <label htmlFor={`rule-${i}-action`}>Action</label>
                    <select id={`rule-${i}-action`} value={r.action} disabled={readOnly}
                      onChange={(e) => setRule(r.key, { action: e.target.value as RuleDraft['action'] })}>
                      <option value="add_approver">Add approvers to a step</option>
                      <option value="add_participant">Add participants to the task</option>
                    </select>
                    <Errors errors={errors} path={`${at}.action`} />
                  </div>
                  {r.action === 'add_approver' && (
                    <div className="field">
                      <label htmlFor={`rule-${i}-step`}>Step</label>
                      <select id={`rule-${i}-step`} value={r.step} disabled={readOnly} aria-invalid={invalid(errors, `${at}.step`)}
                        onChange={(e) => setRule(r.key, { step: e.target.value })}>
                        <option value="">Choose…</option>
                        {steps.map((_, n) => <option key={n} value={String(n + 1)}>Step {n + 1}</option>)}
                      </select>
                      <Errors errors={errors} path={`${at}.step`} />
                    </div>
                  )}
                  <div className="field">
                    <label htmlFor={`rule-${i}-from`}>The person in field</label>
                    <select id={`rule-${i}-from`} value={r.fromField} disabled={readOnly} aria-invalid={invalid(errors, `${at}.fromField`)}
                      onChange={(e) => setRule(r.key, { fromField: e.target.value })}>
                      <option value="">—</option>
                      {personFields.map((f) => <option key={f.key} value={f.code}>{f.label || f.code}</option>)}
                    </select>
                    <Errors errors={errors} path={`${at}.fromField`} />
                  </div>
                </div>
                <ChipPicker id={`rule-${i}-users`} label="People" testId={`rule-${i}-users`} choices={people} selected={r.users}
                  nameOf={nameOf} disabled={readOnly} onChange={(users) => setRule(r.key, { users })} />
                <Errors errors={errors} path={`${at}.users`} />
                <div className="form-grid">
                  <div className="field">
                    <label htmlFor={`rule-${i}-when`}>When</label>
                    <select id={`rule-${i}-when`} value={r.whenField} disabled={readOnly} aria-invalid={invalid(errors, `${at}.when.field`)}
                      onChange={(e) => setRule(r.key, { whenField: e.target.value })}>
                      <option value="">Always</option>
                      {conditionFields.map((f) => <option key={f.key} value={f.code}>{f.label || f.code}</option>)}
                    </select>
                    <Errors errors={errors} path={`${at}.when.field`} />
                  </div>
                  {r.whenField && (
                    <div className="field">
                      <label htmlFor={`rule-${i}-operator`}>Condition</label>
                      <select id={`rule-${i}-operator`} value={r.whenOperator} disabled={readOnly}
                        aria-invalid={invalid(errors, `${at}.when.operator`)} onChange={(e) => setRule(r.key, { whenOperator: e.target.value })}>
                        {operators.filter((o) => (o.value !== 'greater' && o.value !== 'less') || isOrderedType(whenField?.type ?? ''))
                          .map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                      </select>
                      <Errors errors={errors} path={`${at}.when.operator`} />
                    </div>
                  )}
                  {r.whenField && r.whenOperator !== 'is_set' && (
                    <div className="field">
                      <label htmlFor={`rule-${i}-value`}>Value</label>
                      {whenField && (whenField.type === 'single_choice' || whenField.type === 'multiple_choice') ? (
                        <select id={`rule-${i}-value`} value={r.whenValue} disabled={readOnly}
                          onChange={(e) => setRule(r.key, { whenValue: e.target.value })}>
                          <option value="">Choose…</option>
                          {whenField.options.filter((o) => o.id).map((o) => <option key={o.key} value={o.id}>{o.label}</option>)}
                        </select>
                      ) : whenField?.type === 'checkbox' ? (
                        <select id={`rule-${i}-value`} value={r.whenValue} disabled={readOnly}
                          onChange={(e) => setRule(r.key, { whenValue: e.target.value })}>
                          <option value="">Choose…</option>
                          <option value="true">checked</option>
                          <option value="false">not checked</option>
                        </select>
                      ) : whenField?.type === 'person' ? (
                        <select id={`rule-${i}-value`} value={r.whenValue} disabled={readOnly}
                          onChange={(e) => setRule(r.key, { whenValue: e.target.value })}>
                          <option value="">Choose…</option>
                          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                        </select>
                      ) : (
                        <input id={`rule-${i}-value`} value={r.whenValue} readOnly={readOnly}
                          type={whenField?.type === 'date' ? 'date' : whenField?.type === 'time' ? 'time' : 'text'}
                          aria-invalid={invalid(errors, `${at}.when.value`)} onChange={(e) => setRule(r.key, { whenValue: e.target.value })} />
                      )}
                      {whenField && (whenField.type === 'single_choice' || whenField.type === 'multiple_choice')
                        && whenField.options.some((o) => !o.id) && <small className="hint">New options can be used in rules once saved.</small>}
                      <Errors errors={errors} path={`${at}.when.value`} />
                    </div>
                  )}
                </div>
                <Errors errors={errors} path={`${at}.when`} />
                <Errors errors={errors} path={at} />
              </li>
            );
          })}
        </ol>
        {!readOnly && (
          <button type="button" className="btn btn-secondary" data-testid="designer-add-rule"
            onClick={() => onChange({ rules: [...rules, newRule()] })}>Add rule</button>
        )}
      </section>
    </>
  );
}
