import { useState } from 'react';
import type { FormTemplate, TaskForm } from '../api/types';
import { decisionLabel, routeStatusLabel } from '../lib/formValues';
import { routeActions } from '../lib/routeActions';
import { useUsers } from '../lib/users';

export type RouteAction = 'approve' | 'reject' | 'revoke' | 're-request';

interface Props {
  form: TaskForm;
  template: FormTemplate | null;
  task: { authorId: string; assigneeId: string | null };
  meId: string;
  busy: boolean;
  onDecide: (action: RouteAction, text: string, step?: number) => Promise<boolean>;
}

/**
 * The approval route: steps with their approvers and decisions; Approve/Reject when my decision is
 * awaited, Revoke while my decision on the current step can still be taken back, and Re-request
 * for the task's author and responsible (the current step or an earlier one, also after the route closed).
 */
export function RoutePanel({ form, template, task, meId, busy, onDecide }: Props) {
  const { nameOf } = useUsers();
  const [text, setText] = useState('');
  const [reStep, setReStep] = useState('');
  const { route } = form;
  const actions = routeActions(form, task, meId);
  const decide = (action: RouteAction, step?: number) =>
    void onDecide(action, text.trim(), step).then((done) => {
      if (done) {
        setText('');
        setReStep('');
      }
    });
  if (route.steps.length === 0 && route.currentStep === 0) return null;
  const anyAction = actions.decide || actions.revoke || actions.reRequestSteps.length > 0;
  const stepName = (n: number) => template?.route.steps[n - 1]?.name;
  const chosenStep = Number(reStep || actions.reRequestSteps[0] || 0);
  return (
    <section className="card route-panel" data-testid="route-panel" data-status={route.status}>
      <h2>Approval route</h2>
      <p data-testid="route-status" className={`route-status route-${route.status}`}>{routeStatusLabel(route.status)}</p>
      <ol className="route-steps">
        {route.steps.map((s) => {
          const current = route.status === 'in_progress' && s.number === route.currentStep;
          const name = stepName(s.number);
          return (
            <li key={s.number} className={current ? 'route-step current' : 'route-step'} data-testid="route-step"
              data-current={current} aria-current={current ? 'step' : undefined}>
              <strong>Step {s.number}{name ? `: ${name}` : ''}</strong>{current && <span className="muted"> (current)</span>}
              <ul>
                {s.approvers.length === 0 && <li className="muted">Nobody (skipped)</li>}
                {s.approvers.map((a) => (
                  <li key={a.userId} data-testid="route-approver" data-decision={a.decision}>
                    {nameOf(a.userId)} — <span className={`decision decision-${a.decision}`}>{decisionLabel(a.decision)}</span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      {anyAction && (
        <div className="route-actions">
          <label htmlFor="route-comment">Comment (optional)</label>
          <textarea id="route-comment" data-testid="route-comment" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="actions">
            {actions.decide && (
              <>
                <button type="button" className="btn btn-primary" data-testid="approve" disabled={busy} onClick={() => decide('approve')}>Approve</button>
                <button type="button" className="btn btn-danger" data-testid="reject" disabled={busy} onClick={() => decide('reject')}>Reject</button>
              </>
            )}
            {actions.revoke && (
              <button type="button" className="btn btn-secondary" data-testid="revoke" disabled={busy}
                title={`Take back your decision on step ${route.currentStep}`} onClick={() => decide('revoke')}>
                Revoke my decision
              </button>
            )}
            {actions.reRequestSteps.length > 0 && (
              <span className="re-request">
                {actions.reRequestSteps.length > 1 && (
                  <>
                    <label htmlFor="route-re-request-step" className="sr-only">Step to re-request</label>
                    <select id="route-re-request-step" data-testid="re-request-step" className="inline-select"
                      value={String(chosenStep)} onChange={(e) => setReStep(e.target.value)}>
                      {actions.reRequestSteps.map((n) => (
                        <option key={n} value={String(n)}>
                          Step {n}{stepName(n) ? `: ${stepName(n)}` : ''}{n === route.currentStep ? ' (current)' : ''}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                <button type="button" className="btn btn-secondary" data-testid="re-request" disabled={busy}
                  title="Reset the decisions of this step and the later ones and ask the approvers again"
                  onClick={() => decide('re-request', chosenStep === route.currentStep ? undefined : chosenStep)}>
                  Re-request approval{actions.reRequestSteps.length === 1 ? ` of step ${chosenStep}` : ''}
                </button>
              </span>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
